import type { Express, Request, Response } from 'express';
import request from 'supertest';
import { StrataExpressAdapter } from './strata-express-adapter';

function adapterWithRoutes(register: (app: Express, adapter: StrataExpressAdapter) => void) {
  const adapter = new StrataExpressAdapter();
  register(adapter.getInstance<Express>(), adapter);
  adapter.initHttpServer({});
  return request(adapter.getHttpServer());
}

describe(StrataExpressAdapter.name, () => {
  it('writes an API body as it is given, as one JSON string with its length', async () => {
    const http = adapterWithRoutes((app, adapter) => {
      app.get('/api/v1/thing', (_req: Request, res: Response) => adapter.reply(res, { id: 'x' }, 200));
    });
    const res = await http.get('/api/v1/thing').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(res.body).toEqual({ id: 'x' });
  });

  it('writes a large API body whole, its length counted in bytes (multi-byte characters too)', async () => {
    const text = 'é€😀a'.repeat(8_000);
    const http = adapterWithRoutes((app, adapter) => {
      app.get('/api/v1/page', (_req: Request, res: Response) => adapter.reply(res, { text }, 200));
    });
    const res = await http.get('/api/v1/page').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify({ text })));
    expect(res.body).toEqual({ text });
  });

  it('sends no body when there is none (204, and a 304 the route decided)', async () => {
    const http = adapterWithRoutes((app, adapter) => {
      app.delete('/api/v1/thing', (_req: Request, res: Response) => adapter.reply(res, undefined, 204));
      app.get('/api/v1/thing', (_req: Request, res: Response) => adapter.reply(res.status(304), undefined));
    });
    expect((await http.delete('/api/v1/thing').expect(204)).text).toBe('');
    expect((await http.get('/api/v1/thing').expect(304)).text).toBe('');
  });

  it('leaves conditional GETs of the API to the routes: If-None-Match: * is no 304 by itself', async () => {
    const http = adapterWithRoutes((app, adapter) => {
      app.get('/api/v1/thing', (_req: Request, res: Response) => adapter.reply(res, { id: 'x' }, 200));
    });
    const res = await http.get('/api/v1/thing').set('If-None-Match', '*').expect(200);
    expect(res.body).toEqual({ id: 'x' });
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
