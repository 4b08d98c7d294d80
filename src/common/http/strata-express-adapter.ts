import type { NestApplicationOptions, RequestMethod } from '@nestjs/common';
import { MethodNotAllowedException, StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import type { Express, RequestHandler, Response } from 'express';
import { answerWithError } from '../filters/all-exceptions.filter';
import { AllowedMethods } from './allowed-methods';
import { createServerWithExpressPrototypes } from './express-prototypes';
import type { RouteLayer } from './allowed-methods';
import { isApiRequest } from './envelope';
import { markNotEndpoint, pathOf } from './request-facts';

type Layer = RouteLayer & { handle?: { stack?: Layer[] } };
type NotFoundHandlerArgs = Parameters<ExpressAdapter['setNotFoundHandler']>;
type MiddlewareRegistration = ReturnType<ExpressAdapter['createMiddlewareFactory']>;

/**
 * From this many characters on, an API body is written as bytes. Node.js joins a string body to the
 * header block and copies the join whole on the heap before writing it; bytes go out beside the
 * headers in the same system call instead. For a page of the list (~38 KB) that copy is most of what
 * its garbage collection has to move: as bytes the page costs ~10% less CPU. A body of a few KB, such
 * as one post, gains nothing from it and keeps the string's single write.
 */
const BODY_AS_BYTES_FROM = 16 * 1024;

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
 * Nest's Express adapter, with:
 * - an HTTP server whose requests and responses are born with Express's prototypes
 *   (`express-prototypes.ts`, for speed; behaviour is Express's own);
 * - API bodies (the envelope `EnvelopeInterceptor` built) written as JSON with its length (large ones
 *   as bytes, see BODY_AS_BYTES_FROM), without `res.json`'s automatic 304: conditional requests are
 *   the routes' own, like their ETags;
 * - strict routing: paths match case-sensitively (`/API/v1/posts` is no route), and a request no
 *   route answers is a 405 with `Allow` when its path is known under other methods, else a 404,
 *   always in the error envelope; the path → methods table is built once, when routing is set up.
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
    this.httpServer = createServerWithExpressPrototypes(this.getInstance<Express>());
  }

  /**
   * Sends what Nest hands over once the handler and the interceptors are done. Nothing is written
   * to a response already answered (the request timeout's 503 while the handler still ran). An API
   * body leaves as JSON with its `Content-Length`: `res.json` would also turn a GET into
   * a 304 by itself when its `If-None-Match` is `*` or matches an ETag the route set, and the routes
   * decide conditional requests themselves (a 304 reaches here with no body). Other routes and
   * streamed files take Nest's own reply.
   */
  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    if (response.headersSent) {
      return undefined;
    }
    if (!isApiRequest(response.req) || body instanceof StreamableFile) {
      return super.reply(response, body, statusCode);
    }
    if (statusCode !== undefined) {
      response.statusCode = statusCode;
    }
    if (body === undefined) {
      response.end();
      return undefined;
    }
    const json = JSON.stringify(body);
    if (!response.hasHeader('Content-Type')) {
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
    }
    const payload = json.length < BODY_AS_BYTES_FROM ? json : Buffer.from(json);
    response.setHeader('Content-Length', Buffer.byteLength(payload));
    response.end(payload);
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
