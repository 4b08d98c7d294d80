import { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import type { Request, Response } from 'express';
import request from 'supertest';
import { createServerWithExpressPrototypes } from './express-prototypes';

interface PrototypeCall {
  target: object;
  /** The target had that prototype already: the call changed nothing. */
  noOp: boolean;
}

/** Serves one request on the server, recording every `Object.setPrototypeOf` made while it ran. */
async function serveOneRequest() {
  const app = express();
  const exchange: { req?: Request; res?: Response } = {};
  app.get('/shape', (req: Request, res: Response) => {
    exchange.req = req;
    exchange.res = res;
    res.json({ ok: true });
  });
  const server = createServerWithExpressPrototypes(app);
  const calls: PrototypeCall[] = [];
  const setPrototypeOf = Object.setPrototypeOf.bind(Object);
  const spy = jest
    .spyOn(Object, 'setPrototypeOf')
    .mockImplementation((target: object, proto: object | null) => {
      calls.push({ target, noOp: Object.getPrototypeOf(target) === proto });
      return setPrototypeOf(target, proto) as object;
    });
  try {
    await request(server).get('/shape').expect(200);
  } finally {
    spy.mockRestore();
  }
  return { app, calls, req: exchange.req, res: exchange.res };
}

describe(createServerWithExpressPrototypes.name, () => {
  it("creates requests and responses that have the app's prototypes from birth", async () => {
    const { app, req, res } = await serveOneRequest();
    expect(req).toBeInstanceOf(IncomingMessage);
    expect(res).toBeInstanceOf(ServerResponse);
    expect(req?.constructor).not.toBe(IncomingMessage);
    expect(res?.constructor).not.toBe(ServerResponse);
    expect(Object.getPrototypeOf(req)).toBe(app.request);
    expect(Object.getPrototypeOf(res)).toBe(app.response);
    expect(typeof req?.get).toBe('function');
    expect(typeof res?.status).toBe('function');
    expect(req?.app).toBe(app);
  });

  it("leaves Express's own Object.setPrototypeOf of each request and response nothing to change", async () => {
    const { calls, req, res } = await serveOneRequest();
    const onRequest = calls.filter((call) => call.target === req);
    const onResponse = calls.filter((call) => call.target === res);
    // Express still re-parents both (else this file is no longer needed) ...
    expect(onRequest.length).toBeGreaterThan(0);
    expect(onResponse.length).toBeGreaterThan(0);
    // ... and each of those calls found the prototype already in place.
    expect([...onRequest, ...onResponse].every((call) => call.noOp)).toBe(true);
  });
});
