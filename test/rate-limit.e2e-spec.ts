import { Controller, Get, Module, Post } from '@nestjs/common';
import { StrictRateLimit } from '../src/common/rate-limit/strict-rate-limit.decorator';
import { describeWithRedis } from './support/redis-for-tests';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';
import { Public } from '../src/modules/auth/public.decorator';

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

  it('describes the strict budget, and names both, on a strict route', async () => {
    const res = await t.http().post('/api/v1/limited/sign-in').expect(201);
    expect(res.headers['x-ratelimit-limit']).toBe('2');
    expect(res.headers['x-ratelimit-remaining']).toBe('1');
    expect(res.headers['x-ratelimit-resource']).toBe('auth');
    expect(res.headers['ratelimit-policy']).toBe('"default";q=6;w=60, "auth";q=2;w=60');
  });

  it("answers the strict budget's 429 with that budget's headers, not the default one's", async () => {
    await t.http().post('/api/v1/limited/sign-in').expect(201);
    await t.http().post('/api/v1/limited/sign-in').expect(201);
    const res = await t.http().post('/api/v1/limited/sign-in').expect(429);
    expect(res.headers['x-ratelimit-limit']).toBe('2');
    expect(res.headers['x-ratelimit-remaining']).toBe('0');
    expect(res.headers['x-ratelimit-reset']).toBe(res.headers['retry-after']);
    expect(res.headers['x-ratelimit-resource']).toBe('auth');
    expect(res.headers['ratelimit-policy']).toBe('"default";q=6;w=60, "auth";q=2;w=60');
  });

  it('describes the default budget alone on an ordinary route', async () => {
    const res = await t.http().get('/api/v1/limited').expect(200);
    expect(res.headers['x-ratelimit-limit']).toBe('6');
    expect(res.headers['x-ratelimit-remaining']).toBe('5');
    expect(res.headers['ratelimit-policy']).toBe('"default";q=6;w=60');
  });

  it('counts the health probes on the public port against the default budget', async () => {
    for (let i = 0; i < 6; i += 1) {
      await t.http().get('/health/live').expect(200);
    }
    expect((await t.http().get('/health/live').expect(429)).body.error.code).toBe('RATE_LIMITED');
  });
});

describe('Rate limiting per client address behind a trusted proxy', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ extraModules: [LimitedModule], env: { ...LIMITS, TRUST_PROXY: 'true' } });
  });

  afterAll(async () => {
    await t.close();
  });

  const readFrom = (address: string) => t.http().get('/api/v1/limited').set('X-Forwarded-For', address);

  it('counts every IPv6 address of one /64 as one client, and another /64 apart', async () => {
    for (let i = 1; i <= 6; i += 1) {
      await readFrom(`2001:db8:a:1::${i.toString(16)}`).expect(200);
    }
    await readFrom('2001:db8:a:1:ffff:ffff:ffff:ffff').expect(429);
    await readFrom('2001:db8:a:2::1').expect(200);
  });

  it('counts an IPv4-mapped IPv6 address as its IPv4 client', async () => {
    for (let i = 0; i < 3; i += 1) {
      await readFrom('198.51.100.20').expect(200);
      await readFrom('::ffff:198.51.100.20').expect(200);
    }
    await readFrom('::ffff:c633:6414').expect(429);
    await readFrom('198.51.100.21').expect(200);
  });
});

describe('Rate limiting with TRUST_PROXY=loopback', () => {
  let t: TestApp;

  beforeAll(async () => {
    // supertest connects from 127.0.0.1: the app sees a trusted proxy in front of every request.
    t = await startTestApp({ extraModules: [LimitedModule], env: { ...LIMITS, TRUST_PROXY: 'loopback' } });
  });

  afterAll(async () => {
    await t.close();
  });

  const readFrom = (forwardedFor: string) =>
    t.http().get('/api/v1/limited').set('X-Forwarded-For', forwardedFor);

  it('counts each forwarded client apart', async () => {
    for (let i = 0; i < 6; i += 1) {
      await readFrom('203.0.113.30').expect(200);
    }
    await readFrom('203.0.113.30').expect(429);
    const other = await readFrom('203.0.113.31').expect(200);
    expect(other.headers['x-ratelimit-remaining']).toBe('5');
  });

  it('takes the address the proxy saw, not one the client wrote before it', async () => {
    for (let i = 0; i < 6; i += 1) {
      await readFrom(`198.51.100.${i}, 203.0.113.40`).expect(200);
    }
    await readFrom('198.51.100.99, 203.0.113.40').expect(429);
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

// Sharing a budget needs a Redis server: REDIS_URL's, or a redis-server of our own.
describeWithRedis('Rate limiting across instances sharing Redis', (redis) => {
  it('spends one budget for a client across every instance', async () => {
    const shared = { ...LIMITS, REDIS_URL: redis.url, REDIS_PREFIX: `strata-test-shared-${Date.now()}` };
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
