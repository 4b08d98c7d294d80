import { availableParallelism } from 'node:os';
import { uniqueName } from './support/accounts';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

describe('Password hashing under a burst', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { ARGON2_MAX_QUEUE: '1' } });
  });

  afterAll(async () => {
    await t.close();
  });

  const register = () => {
    const username = uniqueName();
    return t
      .http()
      .post('/api/v1/users')
      .send({ email: `${username}@example.test`, username, password: 'a sturdy passphrase 42' });
  };

  it('refuses what the full queue cannot hold with 503 and a Retry-After, and serves the rest', async () => {
    // One hash per core runs and one waits: a burst of several times that overflows the queue.
    const burst = await Promise.all(Array.from({ length: availableParallelism() * 2 + 8 }, register));
    const refused = burst.filter((res) => res.status === 503);
    expect(burst.filter((res) => res.status === 201).length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(burst.every((res) => res.status === 201 || res.status === 503)).toBe(true);
    for (const res of refused) {
      expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
    }
    // Once the burst is over there is room again.
    await register().expect(201);
  });
});
