import { Controller, Get, Module, Post } from '@nestjs/common';
import { StrictRateLimit } from '../src/common/rate-limit/strict-rate-limit.decorator';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';
import { Public } from '../src/common/auth/public.decorator';

@Public()
@Controller('limited')
class LimitedController {
  @Get()
  read(): { ok: true } {
    return { ok: true };
  }

  @Post('sign-in')
  @StrictRateLimit()
  signIn(): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [LimitedController] })
class LimitedModule {}

const LIMITS = { RATE_LIMIT_MAX: '6', RATE_LIMIT_AUTH_MAX: '2', RATE_LIMIT_WINDOW: '60s' };

describe('Rate limiting', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp({ extraModules: [LimitedModule], env: LIMITS });
  });

  afterEach(async () => {
    await t.close();
  });

  it('answers 429 RATE_LIMITED with a plain Retry-After once the default budget is spent', async () => {
    for (let i = 0; i < 6; i += 1) {
      await t.http().get('/api/v1/limited').expect(200);
    }
    const res = await t.http().get('/api/v1/limited').expect(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('does not reset the budget for a spoofed X-Forwarded-For', async () => {
    for (let i = 0; i < 6; i += 1) {
      await t.http().get('/api/v1/limited').set('X-Forwarded-For', `203.0.113.${i}`).expect(200);
    }
    await t.http().get('/api/v1/limited').set('X-Forwarded-For', '198.51.100.7').expect(429);
  });

  it('puts marked routes under the strict budget as well', async () => {
    await t.http().post('/api/v1/limited/sign-in').expect(201);
    await t.http().post('/api/v1/limited/sign-in').expect(201);
    const res = await t.http().post('/api/v1/limited/sign-in').expect(429);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    await t.http().get('/api/v1/limited').expect(200);
  });

  it('never limits the health probes', async () => {
    for (let i = 0; i < 8; i += 1) {
      await t.http().get('/health/live').expect(200);
    }
  });
});

describe('Rate limiting without a reachable Redis', () => {
  it('fails open: requests keep succeeding', async () => {
    // Nothing listens on port 1: every Redis command fails at once.
    const t = await startTestApp({
      extraModules: [LimitedModule],
      env: { ...LIMITS, REDIS_URL: 'redis://127.0.0.1:1' },
    });
    try {
      for (let i = 0; i < 8; i += 1) {
        await t.http().get('/api/v1/limited').expect(200);
      }
    } finally {
      await t.close();
    }
  });
});

// Sharing a budget needs a Redis server: this block runs in the CI pass that provides REDIS_URL.
if (process.env.REDIS_URL) {
  describe('Rate limiting across instances sharing Redis', () => {
    it('spends one budget for a client across every instance', async () => {
      const shared = { ...LIMITS, REDIS_PREFIX: `strata-test-shared-${Date.now()}` };
      const first = await startTestApp({ extraModules: [LimitedModule], env: shared });
      const second = await startTestApp({ extraModules: [LimitedModule], env: shared });
      try {
        for (let i = 0; i < 3; i += 1) {
          await first.http().get('/api/v1/limited').expect(200);
          await second.http().get('/api/v1/limited').expect(200);
        }
        await first.http().get('/api/v1/limited').expect(429);
        await second.http().get('/api/v1/limited').expect(429);
      } finally {
        await first.close();
        await second.close();
      }
    });
  });
}
