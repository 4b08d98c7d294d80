import type { Request } from 'express';

/** The request's path as the client sent it, without the query string (which may hold secrets). */
export function pathOf(req: Request): string {
  return (req.originalUrl ?? req.url).split('?')[0];
}

/** The template of the route that matched (`/api/v1/posts/:id`), once the router has run. */
export function routeTemplateOf(req: Request): string | undefined {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : undefined;
}
