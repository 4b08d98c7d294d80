import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import request from 'supertest';
import type { AppOnDatabase } from './support/app-on-database';
import { startAppOnDatabase } from './support/app-on-database';
import { PRODUCTION_MAIL_ENV } from './support/production-mail';
import { createTestDatabase, dropTestDatabase } from './support/test-database';
import { OpsListener } from '../src/ops/ops-listener';

/**
 * Where /metrics, the probes and the docs are answered, and to whom: the OPS_PORT listener, the
 * metrics token, production's defaults, the rate limit and the cached readiness.
 */
const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';
const PRODUCTION = { NODE_ENV: 'production', ...PRODUCTION_MAIL_ENV };
/** Any port other than PORT: the tests never listen on it, supertest opens the ops server itself. */
const OPS_PORT = '39999';

describe('Operational endpoints', () => {
  let databaseUrl: string;
  let running: AppOnDatabase | undefined;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });

  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  afterAll(async () => {
    await dropTestDatabase(databaseUrl);
  });

  async function boot(env: Record<string, string> = {}) {
    running = await startAppOnDatabase(databaseUrl, env);
    const opsServer = running.app.get(OpsListener).server;
    return { ...running, ops: () => request(opsServer as Parameters<typeof request>[0]) };
  }

  describe('with OPS_PORT', () => {
    it('answers /metrics and the probes on the ops listener, and no longer on the public one', async () => {
      const t = await boot({ OPS_PORT });
      for (const path of ['/metrics', '/health/live', '/health/ready', '/METRICS', '/health/ready/']) {
        const res = await t.http().get(path).expect(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
      }
      await t.http().get('/api/v1/posts').expect(200);

      const metrics = await t.ops().get('/metrics').expect(200);
      expect(metrics.text).toContain('http_request_duration_seconds');
      await t.ops().get('/health/live').expect(200);
      await t.ops().get('/health/ready').expect(200);
    });

    it('answers nothing but the operational endpoints on the ops listener', async () => {
      const t = await boot({ OPS_PORT });
      for (const path of ['/api/v1/posts', '/docs', '/docs/json']) {
        expect((await t.ops().get(path).expect(404)).body.error.code).toBe('NOT_FOUND');
      }
    });

    it('never rate limits scrapes on the ops listener', async () => {
      const t = await boot({ OPS_PORT, RATE_LIMIT_MAX: '3' });
      for (let i = 0; i < 6; i += 1) {
        await t.ops().get('/metrics').expect(200);
      }
    });

    it('never rate limits probes on the ops listener, even from a client refused on the public port', async () => {
      const t = await boot({ OPS_PORT, RATE_LIMIT_MAX: '3' });
      for (let i = 0; i < 4; i += 1) {
        await t.http().get('/api/v1/posts');
      }
      await t.http().get('/api/v1/posts').expect(429);
      for (let i = 0; i < 6; i += 1) {
        await t.ops().get('/health/live').expect(200);
        await t.ops().get('/health/ready').expect(200);
      }
    });

    it('still wants METRICS_TOKEN on the ops listener when one is set', async () => {
      const t = await boot({ OPS_PORT, METRICS_TOKEN });
      await t.ops().get('/metrics').expect(401);
      await t.ops().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      await t.ops().get('/health/ready').expect(200);
    });
  });

  describe('/metrics on the public port', () => {
    it('answers 404 in production without OPS_PORT or METRICS_TOKEN', async () => {
      const t = await boot(PRODUCTION);
      const res = await t.http().get('/metrics').expect(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      expect(res.text).not.toContain('nodejs_');
      await t.http().get('/health/ready').expect(200);
    });

    it('needs the bearer METRICS_TOKEN when one is set, in production as elsewhere', async () => {
      const t = await boot({ ...PRODUCTION, METRICS_TOKEN });
      const missing = await t.http().get('/metrics').expect(401);
      expect(missing.body.error.code).toBe('UNAUTHENTICATED');
      expect(missing.text).not.toContain(METRICS_TOKEN);
      await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`).expect(401);
      await t.http().get('/metrics').set('Authorization', METRICS_TOKEN).expect(401);
      const res = await t.http().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      expect(res.text).toContain('process_resident_memory_bytes');
    });

    it('falls under the default per-client rate limit', async () => {
      const t = await boot({ RATE_LIMIT_MAX: '3' });
      for (let i = 0; i < 3; i += 1) {
        await t.http().get('/metrics').expect(200);
      }
      const res = await t.http().get('/metrics').expect(429);
      expect(res.body.error.code).toBe('RATE_LIMITED');
    });
  });

  describe('probes on the public port', () => {
    for (const path of ['/health/live', '/health/ready']) {
      it(`puts ${path} under the default per-client rate limit`, async () => {
        const t = await boot({ RATE_LIMIT_MAX: '3' });
        for (let i = 0; i < 3; i += 1) {
          await t.http().get(path).expect(200);
        }
        const res = await t.http().get(path).expect(429);
        expect(res.body.error.code).toBe('RATE_LIMITED');
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
      });
    }
  });

  describe('/docs', () => {
    it('is off in production unless DOCS_ENABLED=true', async () => {
      const t = await boot(PRODUCTION);
      await t.http().get('/docs').expect(404);
      await t.http().get('/docs/swagger-ui-init.js').expect(404);
      await t.http().get('/docs/json').expect(404);
    });

    it('is on in production with DOCS_ENABLED=true, and off anywhere with DOCS_ENABLED=false', async () => {
      const on = await boot({ ...PRODUCTION, DOCS_ENABLED: 'true' });
      await on.http().get('/docs').expect(200);
      await on.http().get('/docs/json').expect(200);
      await on.close();
      running = undefined;
      const off = await boot({ DOCS_ENABLED: 'false' });
      await off.http().get('/docs').expect(404);
      await off.http().get('/docs/json').expect(404);
    });

    it('does not persist the bearer token of "Authorize"', async () => {
      const t = await boot();
      const init = await t.http().get('/docs/swagger-ui-init.js').expect(200);
      expect(init.text).toMatch(/"persistAuthorization":\s*false/);
    });

    it('serves the document with an ETag, and 304 for If-None-Match', async () => {
      const t = await boot();
      const first = await t.http().get('/docs/json').expect(200);
      expect(first.headers['content-type']).toContain('application/json');
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      expect(first.body.openapi).toMatch(/^3\./);

      const again = await t.http().get('/docs/json').set('If-None-Match', etag).expect(304);
      expect(again.text).toBe('');
      expect(again.headers.etag).toBe(etag);
      await t.http().get('/docs/json').set('If-None-Match', `"other", W/${etag}`).expect(304);
      await t.http().get('/docs/json').set('If-None-Match', '"other"').expect(200);
    });

    it('puts /docs/json under the default per-client rate limit', async () => {
      const t = await boot({ RATE_LIMIT_MAX: '3' });
      for (let i = 0; i < 3; i += 1) {
        await t.http().get('/docs/json').expect(200);
      }
      expect((await t.http().get('/docs/json').expect(429)).body.error.code).toBe('RATE_LIMITED');
    });
  });

  describe('/health/ready under a burst', () => {
    it('pings the database once for concurrent probes', async () => {
      const t = await boot();
      // Transient: each consumer has an instance of its own, so the spy goes on the class.
      const pings = jest.spyOn(TypeOrmHealthIndicator.prototype, 'pingCheck');
      try {
        const burst = await Promise.all(Array.from({ length: 40 }, () => t.http().get('/health/ready')));
        expect(burst.map((res) => res.status)).toEqual(Array(40).fill(200));
        expect(pings).toHaveBeenCalledTimes(1);
      } finally {
        pings.mockRestore();
      }
    });
  });
});
