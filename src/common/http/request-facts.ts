import type { Request } from 'express';

/** The request's path as the client sent it, without the query string (which may hold secrets). */
export function pathOf(req: Request): string {
  return (req.originalUrl ?? req.url).split('?')[0];
}

/**
 * Routes the router matches that are no endpoint: middleware mounted on a path with `all()` and the
 * not-found handlers. A request rejected by one of them (a 404, a 405, a body that failed to parse)
 * was never routed, whatever `req.route` says.
 */
const notEndpoints = new WeakSet<object>();

export function markNotEndpoint(route: object): void {
  notEndpoints.add(route);
}

export function isEndpointRoute(route: unknown): route is { path: string } {
  return (
    typeof route === 'object' &&
    route !== null &&
    !notEndpoints.has(route) &&
    typeof (route as { path?: unknown }).path === 'string'
  );
}

/** The template of the endpoint that matched (`/api/v1/posts/:id`), once the router has run. */
export function routeTemplateOf(req: Request): string | undefined {
  const route: unknown = req.route;
  return isEndpointRoute(route) ? route.path : undefined;
}
