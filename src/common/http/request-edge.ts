import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, Response } from 'express';
import { REQUEST_ID_HEADER, resolveRequestId } from './request-id';
import type { HeaderList } from './security-headers';

export interface RequestEdgeOptions {
  /** Set on every response (Helmet's, precomputed). */
  headers: HeaderList;
  timeoutMs: number;
  /** The request has run for `timeoutMs`; it may already be answered. */
  onTimeout: (req: Request, res: Response) => void;
  /** The response is over (sent, or the connection closed first), after `durationMs`. */
  onDone: (req: Request, res: Response, durationMs: number) => void;
}

/**
 * The first middleware of every request, docs and probes included: the request id, the security
 * headers, the request timeout, and one hook when the response is over (request log, metrics).
 * One function instead of a middleware for each keeps the per-request cost of the chain low.
 */
export function requestEdge(options: RequestEdgeOptions) {
  const { headers, timeoutMs, onTimeout, onDone } = options;
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    const id = resolveRequestId(req.headers['x-request-id']);
    req.id = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    for (const [name, value] of headers) {
      res.setHeader(name, value);
    }
    const timer = setTimeout(onTimeout, timeoutMs, req, res);
    res.once('close', () => {
      clearTimeout(timer);
      onDone(req, res, performance.now() - started);
    });
    next();
  };
}
