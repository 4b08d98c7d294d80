import { createClient } from '@redis/client';
import type { TestAccount } from '../support/accounts';
import { bearer, signUp, uniqueName } from '../support/accounts';
import type { ThrowawayRedis } from '../support/fault-servers';
import { startThrowawayRedis } from '../support/fault-servers';
import { redisUnavailableReason } from '../support/redis-for-tests';
import type { TestApp } from '../support/test-app';
import { startTestApp } from '../support/test-app';

const WITHIN_MS = 15_000;

async function eventually(check: () => Promise<boolean>, withinMs = WITHIN_MS): Promise<void> {
  const startedAt = Date.now();
  while (!(await check().catch(() => false))) {
    if (Date.now() - startedAt > withinMs) {
      throw new Error(`not within ${withinMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const readiness = async (t: TestApp) => (await t.http({ contract: false }).get('/health/ready')).status;

/** Redis is an accelerator and a shared budget, never a dependency of a request. */
describe('Without a reachable Redis', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Nothing listens on port 1: the client never connects.
    t = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_AUTH_MAX: '3' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('is not ready, but live', async () => {
    const ready = await t.http().get('/health/ready').expect(503);
    expect(ready.body.error.code).toBe('SERVICE_UNAVAILABLE');
    await t.http().get('/health/live').expect(200);
  });

  it('serves the API: the cache is bypassed and the rate limiter fails open', async () => {
    const account = await signUp(t);
    for (let i = 0; i < 2; i += 1) {
      const res = await t.http().get(`/api/v1/users/${account.id}`).expect(200);
      expect(res.body.data.username).toBe(account.username);
    }
    // Over RATE_LIMIT_AUTH_MAX: no shared budget to count against, so no 429 either.
    for (let i = 0; i < 4; i += 1) {
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: account.email, password: account.password })
        .expect(200);
    }
  });
});

// A Redis of the test's own, to stop and freeze: never the machine's shared server (so not REDIS_URL).
const NO_SERVER_REASON = redisUnavailableReason('skipped: no redis-server on PATH', false);
const describeWithRedisServer =
  NO_SERVER_REASON === null
    ? describe
    : (name: string, body: () => void) => describe.skip(`${name} (${NO_SERVER_REASON})`, body);

describeWithRedisServer('When Redis fails and returns', () => {
  let redis: ThrowawayRedis;
  let t: TestApp;
  let account: TestAccount;

  beforeAll(async () => {
    redis = await startThrowawayRedis();
    t = await startTestApp({ env: { REDIS_URL: redis.url } });
    await eventually(async () => (await readiness(t)) === 200);
    account = await signUp(t);
  });

  afterAll(async () => {
    redis?.thaw();
    await t?.close();
    await redis?.stop();
  });

  const profile = async (): Promise<{ username: string }> =>
    (await t.http().get(`/api/v1/users/${account.id}`).expect(200)).body.data as { username: string };
  const rename = async () => {
    const username = uniqueName('renamed');
    await t
      .http()
      .patch('/api/v1/users/me')
      .set(...bearer(account))
      .send({ username })
      .expect(200);
    return username;
  };

  /** The app's keys in the throwaway Redis: cache entries and rate-limit counters. */
  const keysInRedis = async () => {
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      return await client.keys(`${t.config.redisPrefix}:*`);
    } finally {
      client.destroy();
    }
  };

  it('is ready while Redis answers, and caches profiles in it', async () => {
    const ready = await t.http({ contract: false }).get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
    await profile();
    expect((await keysInRedis()).length).toBeGreaterThan(0);
  });

  it('keeps serving fresh data while Redis is frozen, and after it resumes', async () => {
    await profile();
    redis.freeze();
    let username: string;
    try {
      // One readiness check answers for a second, so the first probe may still see the last one.
      await eventually(async () => (await readiness(t)) === 503);
      await t.http().get('/health/live').expect(200);
      // The write's invalidation cannot reach Redis in time: reads bypass it, to the database.
      username = await rename();
      expect((await profile()).username).toBe(username);
    } finally {
      redis.thaw();
    }
    await eventually(async () => (await readiness(t)) === 200);
    // The entry cached before the freeze must not come back.
    expect((await profile()).username).toBe(username);
  });

  it('keeps serving while Redis is down, and uses it again once it is back', async () => {
    const before = await rename();
    await profile();
    await redis.stop();
    await eventually(async () => (await readiness(t)) === 503);
    await t.http().get('/health/live').expect(200);
    const username = await rename();
    expect(username).not.toBe(before);
    expect((await profile()).username).toBe(username);

    await redis.start();
    await eventually(async () => (await readiness(t)) === 200);
    expect(await keysInRedis()).toEqual([]);
    expect((await profile()).username).toBe(username);
    expect((await keysInRedis()).length).toBeGreaterThan(0);
  });
});
