import { registeredRoutes } from './support/routes';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/**
 * Routes open without a token. Every other route the app registers must answer 401: adding a
 * route means deciding here, on purpose, that it is public.
 */
const PUBLIC_ROUTES = new Set([
  'GET /health/live',
  'GET /health/ready',
  'GET /metrics',
  'POST /api/v1/users',
  'GET /api/v1/users/:id',
  'GET /api/v1/users/:id/posts',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/refresh',
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/email/verify',
  'POST /api/v1/auth/email/verify/resend',
  'POST /api/v1/auth/password/forgot',
  'POST /api/v1/auth/password/reset',
  'POST /api/v1/auth/email/confirm-change',
  'GET /api/v1/posts',
  'GET /api/v1/posts/:id',
]);

describe('Route security', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('finds the API routes to check', () => {
    const routes = registeredRoutes(t).map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(expect.arrayContaining(['GET /api/v1/users/me', 'POST /api/v1/auth/login']));
  });

  it('answers 401 UNAUTHENTICATED without a token on every route that is not public', async () => {
    const unprotected: string[] = [];
    for (const { method, path } of registeredRoutes(t)) {
      const key = `${method} ${path}`;
      if (PUBLIC_ROUTES.has(key) || !path.startsWith('/api/')) {
        continue;
      }
      const url = path.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.http()[method.toLowerCase() as 'get'](url).send({});
      if (res.status !== 401 || res.body.error?.code !== 'UNAUTHENTICATED') {
        unprotected.push(`${key} → ${res.status}`);
      }
    }
    expect(unprotected).toEqual([]);
  });

  it('rejects a malformed Authorization header and a token that is not a JWT', async () => {
    await t.http().get('/api/v1/users/me').set('Authorization', 'Basic abc').expect(401);
    await t.http().get('/api/v1/users/me').set('Authorization', 'Bearer not-a-jwt').expect(401);
  });
});
