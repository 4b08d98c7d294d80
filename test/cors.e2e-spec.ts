import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

const ALLOWED = 'https://app.example.test';

describe('CORS', () => {
  describe('with CORS_ORIGINS', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({ env: { CORS_ORIGINS: ALLOWED } });
    });

    afterAll(async () => {
      await t.close();
    });

    it('lets a listed origin read responses, and the headers it needs', async () => {
      const res = await t.http().get('/api/v1/posts').set('Origin', ALLOWED).expect(200);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(res.headers['access-control-expose-headers']).toContain('X-Request-Id');
    });

    it('lets a listed origin read the rate-limit headers and Retry-After', async () => {
      const res = await t.http().get('/api/v1/posts').set('Origin', ALLOWED).expect(200);
      const exposed = String(res.headers['access-control-expose-headers']).split(',');
      expect(exposed).toEqual(
        expect.arrayContaining([
          'Retry-After',
          'X-RateLimit-Limit',
          'X-RateLimit-Remaining',
          'X-RateLimit-Reset',
          'X-RateLimit-Resource',
          'RateLimit-Policy',
        ]),
      );
    });

    it('answers a preflight from a listed origin', async () => {
      const res = await t
        .http({ contract: false })
        .options('/api/v1/posts')
        .set('Origin', ALLOWED)
        .set('Access-Control-Request-Method', 'POST');
      expect(res.status).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
    });

    it('gives any other origin no access', async () => {
      const res = await t.http().get('/api/v1/posts').set('Origin', 'https://evil.example.test').expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('without CORS_ORIGINS', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp();
    });

    afterAll(async () => {
      await t.close();
    });

    it('gives no origin access', async () => {
      const res = await t.http().get('/api/v1/posts').set('Origin', ALLOWED).expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
