import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { pathOf, routeTemplateOf } from '../http/request-facts';

interface RoutedRequest extends Request {
  user?: { id?: string };
}

function levelOf(status: number | null, aborted: boolean): 'info' | 'warn' | 'error' {
  if (aborted || (status !== null && status >= 500)) {
    return 'error';
  }
  return status !== null && status >= 400 ? 'warn' : 'info';
}

/**
 * One JSON line per request, when it is over: method, path, route template, status, duration,
 * request id and user id. Never a header, a query string or a body, so no token or password can
 * reach the log through it.
 */
export function logRequest(logger: Logger, req: RoutedRequest, res: Response, durationMs: number): void {
  const status = res.headersSent ? res.statusCode : null;
  const aborted = !res.writableFinished;
  const level = levelOf(status, aborted);
  if (!logger.isLevelEnabled(level)) {
    return;
  }
  logger[level](
    {
      requestId: req.id,
      req: { id: req.id, method: req.method, path: pathOf(req) },
      res: { statusCode: status },
      durationMs: Math.round(durationMs * 1000) / 1000,
      route: routeTemplateOf(req),
      userId: req.user?.id,
      ...(aborted ? { aborted: true } : {}),
    },
    aborted ? `${req.method} aborted` : `${req.method} ${status}`,
  );
}
