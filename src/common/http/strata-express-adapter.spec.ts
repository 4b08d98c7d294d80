import { IncomingMessage, ServerResponse } from 'node:http';
import type { Express, Request, Response } from 'express';
import request from 'supertest';
import { Page } from './page';
import { StrataExpressAdapter } from './strata-express-adapter';

function adapterWithRoutes(register: (app: Express, adapter: StrataExpressAdapter) => void) {
  const adapter = new StrataExpressAdapter();
  register(adapter.getInstance<Express>(), adapter);
  adapter.initHttpServer({});
  return request(adapter.getHttpServer());
}

describe(StrataExpressAdapter.name, () => {
  it('creates requests and responses that are born with Express prototypes, not re-parented', async () => {
    const http = adapterWithRoutes((app) =>
      app.get('/shape', (req: Request, res: Response) => {
        res.json({
          requestClass: req.constructor !== IncomingMessage && req instanceof IncomingMessage,
          responseClass: res.constructor !== ServerResponse && res instanceof ServerResponse,
          sameAsApp:
            Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response,
          express: typeof req.get === 'function' && typeof res.status === 'function' && req.app === app,
        });
      }),
    );
    const res = await http.get('/shape').expect(200);
    expect(res.body).toEqual({ requestClass: true, responseClass: true, sameAsApp: true, express: true });
  });

  it('wraps what an API route returns in the success envelope, with its length', async () => {
    const http = adapterWithRoutes((app, adapter) => {
      app.get('/api/v1/thing', (_req: Request, res: Response) => adapter.reply(res, { id: 'x' }, 200));
      app.get('/api/v1/things', (_req: Request, res: Response) =>
        adapter.reply(res, new Page([1], { nextCursor: null, hasMore: false, limit: 20 }), 200),
      );
    });
    const one = await http.get('/api/v1/thing').expect(200);
    expect(one.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(one.headers['content-length'])).toBe(Buffer.byteLength(one.text));
    expect(one.body).toEqual({ success: true, statusCode: 200, message: 'OK', data: { id: 'x' } });
    const page = await http.get('/api/v1/things').expect(200);
    expect(page.body).toMatchObject({ data: [1], meta: { nextCursor: null, hasMore: false, limit: 20 } });
  });

  it('sends no body with 204 and 304', async () => {
    const http = adapterWithRoutes((app, adapter) => {
      app.delete('/api/v1/thing', (_req: Request, res: Response) => adapter.reply(res, undefined, 204));
    });
    const res = await http.delete('/api/v1/thing').expect(204);
    expect(res.text).toBe('');
  });

  it('leaves the bodies of routes outside /api alone', async () => {
    const http = adapterWithRoutes((app, adapter) => {
      app.get('/health/live', (_req: Request, res: Response) => adapter.reply(res, { status: 'ok' }, 200));
    });
    expect((await http.get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
  });

  it('writes nothing more once the response was answered (e.g. by the request timeout)', async () => {
    // Caught in the handler and asserted here: a throw inside an Express handler never reaches Jest.
    let lateReply: { error: unknown } | undefined;
    const http = adapterWithRoutes((app, adapter) => {
      app.get('/api/v1/late', (_req: Request, res: Response) => {
        res.status(503).json({ timedOut: true });
        try {
          adapter.reply(res, { late: true }, 200);
          lateReply = { error: undefined };
        } catch (error) {
          lateReply = { error };
        }
      });
    });
    const res = await http.get('/api/v1/late').expect(503);
    expect(res.body).toEqual({ timedOut: true });
    expect(lateReply).toEqual({ error: undefined });
  });
});
