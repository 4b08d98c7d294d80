import type { NextFunction, Request, Response } from 'express';
import type { MetricsRegistry } from './metrics.registry';

/** Routes that matched nothing share one label, so a scan of random URLs cannot explode cardinality. */
const UNMATCHED_ROUTE = 'unmatched';

/** Times every request and labels it with the route template (`/api/v1/posts/:id`), never a raw id. */
export function httpMetricsMiddleware(metrics: MetricsRegistry) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stopTimer = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      stopTimer({
        method: req.method,
        // Nest answers unknown routes from a catch-all route (`*path`): that is no template either.
        route: typeof route === 'string' && !route.startsWith('*') ? route : UNMATCHED_ROUTE,
        status: String(res.statusCode),
      });
    });
    next();
  };
}
