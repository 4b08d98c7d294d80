import http from 'node:http';
import type { NestApplicationOptions, RequestMethod } from '@nestjs/common';
import { MethodNotAllowedException, StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import type { Express, RequestHandler, Response } from 'express';
import { answerWithError } from '../filters/all-exceptions.filter';
import { AllowedMethods } from './allowed-methods';
import type { RouteLayer } from './allowed-methods';
import { isApiRequest, toEnvelope } from './envelope';
import { markNotEndpoint, pathOf } from './request-facts';

type Layer = RouteLayer & { handle?: { stack?: Layer[] } };
type NotFoundHandlerArgs = Parameters<ExpressAdapter['setNotFoundHandler']>;
type MiddlewareRegistration = ReturnType<ExpressAdapter['createMiddlewareFactory']>;

/** Marks the routes of these layers, and of the routers they mount, as no endpoint. */
function markNotEndpoints(layers: readonly Layer[]): void {
  for (const layer of layers) {
    if (layer.route) {
      markNotEndpoint(layer.route);
    }
    markNotEndpoints(layer.handle?.stack ?? []);
  }
}

/**
 * A subclass of Node's request or response class that carries Express's methods and getters (and
 * `app`) on its own prototype. Express gives each request and response its prototypes with
 * `Object.setPrototypeOf`, which drops the objects' shapes and makes every later property access
 * slow (a bare Express 5 route ran 3.5–5× slower for it); once the app's prototypes are these, objects
 * are born with them and that call changes nothing.
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
 * Nest's Express adapter with a leaner request path, same behaviour:
 * - the HTTP server creates requests and responses that already have Express's prototypes (see
 *   `withExpressPrototype`);
 * - API results leave in the success envelope, written as one JSON string with its length,
 *   without `res.json`/`res.send`'s ETag, freshness and charset work: ETags are the routes' own.
 * And stricter routing:
 * - paths match case-sensitively (`/API/v1/posts` is no route);
 * - a request no route answers is a 405 with `Allow` when its path is known under other methods, else a
 *   404, always in the error envelope; the path → methods table is built once, when routing is set up.
 */
export class StrataExpressAdapter extends ExpressAdapter {
  /** Express's router reads the setting when it is created, which the base constructor does. */
  constructor(instance: Express = express().enable('case sensitive routing')) {
    super(instance);
  }

  /** Nest mounts middleware on paths with `all()`: those routes are no endpoint. */
  override createMiddlewareFactory(requestMethod: RequestMethod): MiddlewareRegistration {
    const register = super.createMiddlewareFactory(requestMethod);
    return (path, callback): unknown => this.registeringNotEndpoints((): unknown => register(path, callback));
  }

  /** Called once routing is set up, after every endpoint is registered. */
  override setNotFoundHandler(...[handler, prefix, excludedRoutes]: NotFoundHandlerArgs): void {
    const allowed = new AllowedMethods(this.routerStack());
    const notFound = handler as RequestHandler;
    const answer: RequestHandler = (req, res, next) => {
      const allow = allowed.allowFor(pathOf(req));
      if (allow === undefined) {
        notFound(req, res, next);
        return;
      }
      res.setHeader('Allow', allow);
      answerWithError(
        req,
        res,
        new MethodNotAllowedException(`${req.method} is not allowed here (allowed: ${allow})`),
      );
    };
    this.registeringNotEndpoints(() => {
      super.setNotFoundHandler(answer, prefix, excludedRoutes);
      // Outside the prefix (`/nope`, `/API/v1/posts`) too: the envelope, not Express's HTML page.
      this.getInstance<Express>().use(answer);
    });
  }

  override initHttpServer(options: NestApplicationOptions): void {
    if (options.httpsOptions || options.return503OnClosing || options.forceCloseConnections) {
      super.initHttpServer(options);
      return;
    }
    const app = this.getInstance<Express>();
    const Request = withExpressPrototype(http.IncomingMessage, app.request);
    const Response = withExpressPrototype(http.ServerResponse, app.response);
    app.request = Request.prototype as Express['request'];
    app.response = Response.prototype as Express['response'];
    this.httpServer = http.createServer({ IncomingMessage: Request, ServerResponse: Response }, app);
  }

  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (response.headersSent) {
      // Already answered, e.g. 503 by the request timeout while the handler still ran.
      return undefined;
    }
    if (!isApiRequest(response.req) || body instanceof StreamableFile) {
      return super.reply(response, body, statusCode);
    }
    if (statusCode !== undefined) {
      response.statusCode = statusCode;
    }
    const envelope = toEnvelope(response.statusCode, body);
    if (envelope === undefined) {
      response.end();
      return undefined;
    }
    const json = JSON.stringify(envelope);
    if (!response.hasHeader('Content-Type')) {
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
    }
    response.setHeader('Content-Length', Buffer.byteLength(json));
    response.end(json);
    return undefined;
  }

  private routerStack(): Layer[] {
    return (this.getInstance<Express>() as unknown as { router: { stack: Layer[] } }).router.stack;
  }

  private registeringNotEndpoints<T>(register: () => T): T {
    const stack = this.routerStack();
    const before = stack.length;
    const result = register();
    markNotEndpoints(stack.slice(before));
    return result;
  }
}
