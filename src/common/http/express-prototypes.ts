import http from 'node:http';
import type { Express } from 'express';

/**
 * A subclass of Node's request or response class that carries Express's methods and getters (and
 * `app`) on its own prototype.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin base must take any[]
function withExpressPrototype<T extends new (...args: any[]) => object>(base: T, appPrototype: object): T {
  const Subclass = class extends base {};
  const expressPrototype = Object.getPrototypeOf(appPrototype) as object;
  for (const source of [expressPrototype, appPrototype]) {
    Object.defineProperties(Subclass.prototype, Object.getOwnPropertyDescriptors(source));
  }
  return Subclass;
}

/**
 * An HTTP server for `app` whose requests and responses are born with Express's prototypes.
 *
 * Express gives each request and response its prototypes with `Object.setPrototypeOf`, which drops
 * the objects' shapes and makes every later property access on them slow, in Express, Nest and Node
 * alike (a bare Express 5 route ran 3.5× slower for it: docs/performance.md). Here the server creates
 * them from subclasses of Node's classes that carry Express's methods, and those subclasses'
 * prototypes become the app's `request` and `response`, so Express's call changes nothing. Behaviour
 * is Express's own: the same methods and getters, found on the same prototype Express would set.
 * `express-prototypes.spec.ts` fails if an Express upgrade makes that call do anything again.
 */
export function createServerWithExpressPrototypes(app: Express): http.Server {
  const Request = withExpressPrototype(http.IncomingMessage, app.request);
  const Response = withExpressPrototype(http.ServerResponse, app.response);
  app.request = Request.prototype as Express['request'];
  app.response = Response.prototype as Express['response'];
  return http.createServer({ IncomingMessage: Request, ServerResponse: Response }, app);
}
