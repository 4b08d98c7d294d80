import { ShutdownState } from '../src/lifecycle/shutdown-state';
import { ProbeModule } from './support/probe.module';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

describe('Request pipeline', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ extraModules: [ProbeModule], env: { REQUEST_TIMEOUT: '1s' } });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('errors', () => {
    it('answers an unknown route with a 404 envelope whose requestId is the X-Request-Id header', async () => {
      const res = await t.http().get('/api/v1/nope').expect(404);
      expect(res.body).toEqual({
        success: false,
        statusCode: 404,
        message: expect.any(String),
        error: { code: 'NOT_FOUND' },
        path: '/api/v1/nope',
        requestId: res.headers['x-request-id'],
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
    });

    it('reports the path without its query string', async () => {
      const res = await t.http().get('/api/v1/nope?token=abc').expect(404);
      expect(res.body.path).toBe('/api/v1/nope');
    });

    it('answers malformed JSON with 400 BAD_REQUEST', async () => {
      const res = await t
        .http()
        .post('/api/v1/probes')
        .set('Content-Type', 'application/json')
        .send('{"name":');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    });

    it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
      const res = await t
        .http()
        .post('/api/v1/probes')
        .send({ name: 'x'.repeat(200 * 1024) });
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('answers a text/plain body with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
      const res = await t.http().post('/api/v1/probes').set('Content-Type', 'text/plain').send('name=x');
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('hides an unexpected error behind a 500 INTERNAL with no detail', async () => {
      const res = await t.http().get('/api/v1/probes/boom').expect(500);
      expect(res.body).toMatchObject({
        success: false,
        message: 'Internal server error',
        error: { code: 'INTERNAL' },
        requestId: res.headers['x-request-id'],
      });
      expect(JSON.stringify(res.body)).not.toMatch(/SELECT|password|at .*\.ts/);
    });

    it('answers a request that outlives REQUEST_TIMEOUT with 503', async () => {
      const res = await t.http().get('/api/v1/probes/slow').expect(503);
      expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
    });
  });

  describe('validation', () => {
    it('rejects unknown fields with 422 naming each of them', async () => {
      const res = await t
        .http()
        .post('/api/v1/probes')
        .send({ name: 'ok', role: 'admin', extra: 1 })
        .expect(422);
      expect(res.body.message).toBe('Validation failed');
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details).toEqual(
        expect.arrayContaining([
          { field: 'role', message: expect.any(String) },
          { field: 'extra', message: expect.any(String) },
        ]),
      );
    });

    it('names a missing required field', async () => {
      const res = await t.http().post('/api/v1/probes').send({}).expect(422);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain('name');
    });

    it('does not coerce types: a number is not a string', async () => {
      const res = await t.http().post('/api/v1/probes').send({ name: 12345 }).expect(422);
      expect(res.body.error.details).toContainEqual({ field: 'name', message: 'name must be a string' });
    });

    it('uses dotted paths for nested and array fields', async () => {
      const res = await t
        .http()
        .post('/api/v1/probes')
        .send({ name: 'ok', tags: ['a', 'b', 'toolong'], nested: { label: '' } })
        .expect(422);
      const fields = res.body.error.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['nested.label']));
      expect(fields.some((field: string) => field.startsWith('tags'))).toBe(true);
    });

    it('passes a valid body through inside the success envelope', async () => {
      const res = await t.http().post('/api/v1/probes').send({ name: 'ok', count: 2 }).expect(201);
      expect(res.body).toEqual({
        success: true,
        statusCode: 201,
        message: 'Created',
        data: { name: 'ok', count: 2 },
      });
    });
  });

  describe('success envelope', () => {
    it('puts list items in data and paging in meta', async () => {
      const res = await t.http().get('/api/v1/probes/list').expect(200);
      expect(res.body).toEqual({
        success: true,
        statusCode: 200,
        message: 'OK',
        data: [{ n: 1 }, { n: 2 }],
        meta: { nextCursor: null, hasMore: false, limit: 20 },
      });
    });

    it('sends no body with 204', async () => {
      const res = await t.http().delete('/api/v1/probes/gone').expect(204);
      expect(res.text).toBe('');
    });
  });

  describe('headers', () => {
    it('echoes a well-formed X-Request-Id', async () => {
      const res = await t.http().get('/api/v1/probes/list').set('X-Request-Id', 'client.id_42-x');
      expect(res.headers['x-request-id']).toBe('client.id_42-x');
    });

    it('replaces an X-Request-Id with unsafe characters or over 128 characters', async () => {
      const unsafe = await t.http().get('/api/v1/probes/list').set('X-Request-Id', 'bad id<script>');
      const long = await t.http().get('/api/v1/probes/list').set('X-Request-Id', 'a'.repeat(129));
      expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(long.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('marks API responses no-store, sets security headers and hides X-Powered-By', async () => {
      const res = await t.http().get('/api/v1/probes/list');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('gives health responses a request id too', async () => {
      const res = await t.http().get('/health/live');
      expect(res.headers['x-request-id']).toBeDefined();
    });

    it('allows no cross-origin access when CORS_ORIGINS is empty', async () => {
      const res = await t.http().get('/api/v1/probes/list').set('Origin', 'https://evil.example');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('docs', () => {
    it('serves Swagger UI at /docs', async () => {
      const res = await t.http().get('/docs').redirects(1).expect(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.text).toContain('swagger-ui');
      expect(res.headers['x-request-id']).toBeDefined();
    });

    it('serves the OpenAPI 3 document at /docs/json with a bearer scheme and the pipeline errors', async () => {
      const res = await t.http().get('/docs/json').expect(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
      const create = res.body.paths['/api/v1/probes'].post;
      expect(create.operationId).toBe('Probe_create');
      expect(Object.keys(create.responses)).toEqual(
        expect.arrayContaining(['400', '413', '415', '422', '429', '500', '503']),
      );
    });
  });

  describe('health', () => {
    it('is live', async () => {
      await t.http().get('/health/live').expect(200, { status: 'ok' });
    });

    it('is ready while the database answers, and 503 once shutdown begins', async () => {
      const ready = await t.http().get('/health/ready').expect(200);
      expect(ready.body.info.database.status).toBe('up');

      t.app.get(ShutdownState).beginShutdown();
      const stopping = await t.http().get('/health/ready').expect(503);
      expect(stopping.body.error.code).toBe('SERVICE_UNAVAILABLE');
    });
  });
});
