import express from 'express';
import type { Request, Response } from 'express';
import { AllowedMethods } from './allowed-methods';
import type { RouteLayer } from './allowed-methods';
import { markNotEndpoint } from './request-facts';

const ok = (_req: Request, res: Response) => res.end();

function layersOf(register: (app: express.Express) => void): RouteLayer[] {
  const app = express().enable('case sensitive routing');
  register(app);
  return (app as unknown as { router: { stack: RouteLayer[] } }).router.stack;
}

describe(AllowedMethods.name, () => {
  it('lists the methods of every route matching a path, HEAD with GET, sorted', () => {
    const allowed = new AllowedMethods(
      layersOf((app) => {
        app.get('/items', ok);
        app.post('/items', ok);
        app.patch('/items/:id', ok);
        app.delete('/items/mine', ok);
      }),
    );
    expect(allowed.allowFor('/items')).toBe('GET, HEAD, POST');
    expect(allowed.allowFor('/items/3')).toBe('PATCH');
    expect(allowed.allowFor('/items/mine')).toBe('DELETE, PATCH');
  });

  it('knows no path that no route matches, in the router’s own case-sensitive matching', () => {
    const allowed = new AllowedMethods(layersOf((app) => app.get('/items/:id', ok)));
    expect(allowed.allowFor('/nothing')).toBeUndefined();
    expect(allowed.allowFor('/Items/3')).toBeUndefined();
    expect(allowed.allowFor('/items/%zz')).toBeUndefined();
  });

  it('leaves out routes that are no endpoint and routes that take every method', () => {
    const allowed = new AllowedMethods(
      layersOf((app) => {
        app.route('/any').all(ok);
        app.all('/middleware/{*splat}', ok);
      }).map((layer) => {
        if (layer.route?.path.startsWith('/middleware')) {
          markNotEndpoint(layer.route);
        }
        return layer;
      }),
    );
    expect(allowed.allowFor('/any')).toBeUndefined();
    expect(allowed.allowFor('/middleware/x')).toBeUndefined();
  });
});
