import type { Response } from 'supertest';
import { isEndpointRoute } from '../src/common/http/request-facts';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

const SOME_ID = '00000000-0000-4000-8000-000000000000';
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
type Verb = 'get' | 'head' | 'post' | 'put' | 'patch' | 'delete' | 'options';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Each endpoint path the app registers, with the methods registered for it (HEAD with GET). */
function endpointPaths(t: TestApp): Map<string, Set<string>> {
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  const paths = new Map<string, Set<string>>();
  for (const { route } of express.router.stack) {
    // Middleware mounted on a path and the not-found handlers are routes too, for every method.
    if (!isEndpointRoute(route) || route.path.includes('*')) {
      continue;
    }
    const methods = paths.get(route.path) ?? new Set<string>();
    for (const method of Object.keys(route.methods)) {
      methods.add(method.toUpperCase());
    }
    if (methods.has('GET')) {
      methods.add('HEAD');
    }
    paths.set(route.path, methods);
  }
  return paths;
}

function expectErrorEnvelope(res: Response, status: number, code: string, path: string): void {
  expect(res.status).toBe(status);
  expect(res.body).toMatchObject({ success: false, statusCode: status, error: { code }, path });
  expect(res.body.requestId).toBe(res.headers['x-request-id']);
}

describe('Routing', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  describe('is case-sensitive', () => {
    it.each(['/API/v1/posts', '/Api/V1/Posts', '/api/V1/posts', '/api/v1/Posts', `/api/v1/POSTS/${SOME_ID}`])(
      'answers %s with 404 NOT_FOUND in the error envelope',
      async (path) => {
        const res = await t.http().get(path);
        expectErrorEnvelope(res, 404, 'NOT_FOUND', path);
        expect(res.headers['allow']).toBeUndefined();
      },
    );

    it('still serves the lower-case path in the success envelope', async () => {
      const res = await t.http().get('/api/v1/posts').expect(200);
      expect(res.body).toMatchObject({ success: true, data: [] });
    });

    it('answers unknown paths outside /api in the error envelope too, not an HTML page', async () => {
      const res = await t.http().get('/no-such-page');
      expectErrorEnvelope(res, 404, 'NOT_FOUND', '/no-such-page');
      expect(res.headers['content-type']).toContain('application/json');
    });
  });

  describe('answers a known path with a method it does not take with 405', () => {
    it('lists the methods it does take in Allow, HEAD with GET', async () => {
      const res = await t.http().delete('/api/v1/posts');
      expectErrorEnvelope(res, 405, 'METHOD_NOT_ALLOWED', '/api/v1/posts');
      expect(res.headers['allow']).toBe('GET, HEAD, POST');
    });

    it('names the methods of every route that matches the path', async () => {
      // `/users/me` is also what `/users/:id` matches: both routes take what they take.
      const me = await t.http().put('/api/v1/users/me');
      expect(me.status).toBe(405);
      expect(me.headers['allow']).toBe('DELETE, GET, HEAD, PATCH');
      const post = await t.http().post(`/api/v1/posts/${SOME_ID}`);
      expect(post.status).toBe(405);
      expect(post.headers['allow']).toBe('DELETE, GET, HEAD, PATCH');
    });

    it('answers 405 before authentication, and for paths outside /api', async () => {
      const users = await t.http().put('/api/v1/users');
      expectErrorEnvelope(users, 405, 'METHOD_NOT_ALLOWED', '/api/v1/users');
      expect(users.headers['allow']).toBe('GET, HEAD, POST');
      const live = await t.http().post('/health/live');
      expectErrorEnvelope(live, 405, 'METHOD_NOT_ALLOWED', '/health/live');
      expect(live.headers['allow']).toBe('GET, HEAD');
    });

    it('keeps 404 for an unknown path, whatever the method', async () => {
      for (const method of ['get', 'post', 'delete'] as const) {
        const res = await t.http()[method]('/api/v1/no-such-thing');
        expectErrorEnvelope(res, 404, 'NOT_FOUND', '/api/v1/no-such-thing');
      }
    });

    it('answers 405 with a correct Allow on every registered path, for every method it does not take', async () => {
      const paths = endpointPaths(t);
      expect(paths.get('/api/v1/posts')).toEqual(new Set(['GET', 'HEAD', 'POST']));
      expect(paths.get('/health/live')).toEqual(new Set(['GET', 'HEAD']));
      const wrong: string[] = [];
      for (const [template, methods] of paths) {
        const path = template.replace(/:\w+/g, SOME_ID);
        for (const method of METHODS.filter((candidate) => !methods.has(candidate))) {
          // A HEAD answer has no body for the contract check to read.
          const http = t.http({ contract: method !== 'HEAD' });
          const res = await http[method.toLowerCase() as Verb](path);
          const allow = String(res.headers['allow'] ?? '').split(', ');
          const listsEach = [...methods].every((taken) => allow.includes(taken));
          if (res.status !== 405 || !listsEach || allow.includes(method)) {
            wrong.push(`${method} ${path} → ${res.status} Allow: ${res.headers['allow']}`);
          } else if (method !== 'HEAD' && res.body.error?.code !== 'METHOD_NOT_ALLOWED') {
            wrong.push(`${method} ${path} → ${JSON.stringify(res.body)}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  });
});
