import type { Request, Response } from 'express';
import { routeTemplateOf } from '../common/http/request-facts';
import type { MetricsRegistry } from './metrics.registry';

/** Requests no endpoint took share one label, so a scan of random URLs cannot explode cardinality. */
const UNMATCHED_ROUTE = 'unmatched';

/** Records a finished request under its route template (`/api/v1/posts/:id`), never a raw id. */
export function recordHttpRequest(
  metrics: MetricsRegistry,
  req: Request,
  res: Response,
  seconds: number,
): void {
  const route = routeTemplateOf(req);
  metrics.httpDuration.observe(
    {
      method: req.method,
      // Rejected before routing (a 404, a 405, a body that did not parse): no endpoint, no template.
      route: route ?? UNMATCHED_ROUTE,
      status: String(res.statusCode),
    },
    seconds,
  );
}
