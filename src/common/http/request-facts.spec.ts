import type { Request } from 'express';
import { markNotEndpoint, pathOf, routeTemplateOf } from './request-facts';

const request = (fields: object) => fields as Request;

describe(pathOf.name, () => {
  it('is the original path without its query string', () => {
    expect(pathOf(request({ originalUrl: '/api/v1/posts?token=secret', url: '/posts' }))).toBe(
      '/api/v1/posts',
    );
    expect(pathOf(request({ url: '/health/live?x=1' }))).toBe('/health/live');
  });
});

describe(routeTemplateOf.name, () => {
  it('is the matched route template, or undefined before routing or for no match', () => {
    expect(routeTemplateOf(request({ route: { path: '/api/v1/posts/:id' } }))).toBe('/api/v1/posts/:id');
    expect(routeTemplateOf(request({}))).toBeUndefined();
    expect(routeTemplateOf(request({ route: { path: /regex/ } }))).toBeUndefined();
  });

  it('is undefined for a route that is no endpoint (middleware on a path, a not-found handler)', () => {
    const middleware = { path: '/api{/*splat}' };
    markNotEndpoint(middleware);
    expect(routeTemplateOf(request({ route: middleware }))).toBeUndefined();
  });
});
