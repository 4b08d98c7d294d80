import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

const responses = new AsyncLocalStorage<Response>();
const signals = new WeakMap<Response, AbortSignal>();

/**
 * Middleware: the rest of the request runs knowing its response, so work deep in a service (an
 * argon2 hash waiting for a core) can tell that the client went away without every caller passing
 * a signal down. Costs nothing until someone asks for the signal.
 */
export function trackClient(_req: Request, res: Response, next: NextFunction): void {
  responses.run(res, next);
}

/**
 * Aborts when the current request's client goes away before its response was sent; undefined
 * outside a request (startup, jobs).
 */
export function currentClientSignal(): AbortSignal | undefined {
  const res = responses.getStore();
  if (!res) {
    return undefined;
  }
  let signal = signals.get(res);
  if (!signal) {
    const controller = new AbortController();
    if (res.closed && !res.writableFinished) {
      controller.abort();
    } else {
      res.once('close', () => {
        if (!res.writableFinished) {
          controller.abort();
        }
      });
    }
    signal = controller.signal;
    signals.set(res, signal);
  }
  return signal;
}
