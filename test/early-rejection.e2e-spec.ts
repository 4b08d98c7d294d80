import { Controller, Get, Module } from '@nestjs/common';
import { Public } from '../src/modules/auth/public.decorator';
import { RateLimitGuard } from '../src/common/rate-limit/rate-limit.guard';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

@Public()
@Controller('counted')
class CountedController {
  static calls = 0;

  @Get()
  read(): { ok: true } {
    CountedController.calls += 1;
    return { ok: true };
  }
}

@Module({ controllers: [CountedController] })
class CountedModule {}

const FLOODER = '203.0.113.50';
const BYSTANDER = '198.51.100.60';

/**
 * A client refused on the default budget (over every route) is answered 429 at the edge until its
 * window ends, without routing: same envelope and headers as the guard's refusal.
 */
describe('Early refusal of a client over its default budget', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      extraModules: [CountedModule],
      env: { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW: '60s', TRUST_PROXY: 'true' },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const from = (address: string, path: string) =>
    t.http({ contract: false }).get(path).set('X-Forwarded-For', address);

  it('refuses the next requests before any guard or route, even where the router would 404', async () => {
    await from(FLOODER, '/api/v1/counted').expect(200);
    await from(FLOODER, '/api/v1/counted').expect(200);
    await from(FLOODER, '/api/v1/counted').expect(429);

    const guard = jest.spyOn(RateLimitGuard.prototype, 'canActivate');
    const callsBefore = CountedController.calls;
    try {
      for (const path of ['/api/v1/counted', '/api/v1/no-such-route', '/health/live']) {
        const res = await from(FLOODER, path).expect(429);
        expect(res.body.error.code).toBe('RATE_LIMITED');
        expect(res.body.requestId).toBe(res.headers['x-request-id']);
        expect(res.headers['retry-after']).toMatch(/^\d+$/);
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
        expect(res.headers['x-ratelimit-reset']).toBe(res.headers['retry-after']);
        expect(res.headers['x-ratelimit-limit']).toBe('2');
        expect(res.headers['x-ratelimit-remaining']).toBe('0');
        expect(res.headers['x-ratelimit-resource']).toBe('default');
        expect(res.headers['ratelimit-policy']).toBe('"default";q=2;w=60');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
      expect(guard).not.toHaveBeenCalled();
      expect(CountedController.calls).toBe(callsBefore);

      await from(BYSTANDER, '/api/v1/counted').expect(200);
      expect(guard).toHaveBeenCalled();
    } finally {
      guard.mockRestore();
    }
  });

  // FLOODER stays refused from the test above (a 60-second window).
  it('still counts the refused requests in the metrics', async () => {
    const scrape = async () => {
      const text = (await from('198.51.100.61', '/metrics').expect(200)).text;
      const line = text
        .split('\n')
        .find((l) => /^http_request_duration_seconds_count\{.*route="unmatched".*status="429"/.test(l));
      return line === undefined ? 0 : Number(line.split(' ').pop());
    };
    const before = await scrape();
    await from(FLOODER, '/api/v1/another-missing-route').expect(429);
    expect(await scrape()).toBe(before + 1);
  });
});

describe('Early refusal when the window ends', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      extraModules: [CountedModule],
      env: { RATE_LIMIT_MAX: '1', RATE_LIMIT_WINDOW: '1s' },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses early within the window and serves the client again once it has ended', async () => {
    // Spend the budget (a window may end between two requests, so until a refusal is seen).
    let status = 200;
    while (status !== 429) {
      status = (await t.http().get('/api/v1/counted')).status;
    }
    const guard = jest.spyOn(RateLimitGuard.prototype, 'canActivate');
    let polls = 0;
    try {
      while (status === 429) {
        polls += 1;
        status = (await t.http().get('/api/v1/counted')).status;
        if (status === 429) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      expect(status).toBe(200);
      // The refusals while polling came from the edge; the guard saw (about) only the request served.
      expect(guard.mock.calls.length).toBeLessThan(polls);
    } finally {
      guard.mockRestore();
    }
  });
});
