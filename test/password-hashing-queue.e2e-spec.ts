import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import type { ConcurrencyLimit } from '../src/common/concurrency/concurrency-limit';
import { PasswordHasher } from '../src/modules/users/password-hasher';
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

  it('drops the queued password check of a login whose client went away', async () => {
    // A first failed login makes the dummy hash that unknown accounts are checked against.
    await t.http().post('/api/v1/auth/login').send({ email: 'nobody@example.test', password: 'warm up' });
    const { limit } = t.app.get<PasswordHasher, { limit: ConcurrencyLimit }>(PasswordHasher);
    const queue = limit as unknown as { waiting: unknown[] };
    const hashed = jest.fn();
    const run = limit.run.bind(limit);
    jest.spyOn(limit, 'run').mockImplementation((task, signal) =>
      run(() => {
        hashed();
        return task();
      }, signal),
    );
    let release!: () => void;
    const blocker = new Promise<void>((resolve) => (release = resolve));
    // Every core busy with work the test controls, so the login's check has to wait in the queue.
    const busy = Array.from({ length: availableParallelism() }, () => run(() => blocker));
    try {
      const server = t.app.getHttpServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const login = http.request({
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/api/v1/auth/login',
        headers: { 'Content-Type': 'application/json' },
      });
      login.on('error', () => undefined);
      login.end(JSON.stringify({ email: 'nobody@example.test', password: 'not the password' }));
      while (queue.waiting.length === 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      login.destroy();
      while (queue.waiting.length > 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(hashed).not.toHaveBeenCalled();
    } finally {
      release();
      await Promise.all(busy);
      jest.restoreAllMocks();
    }
  });
});
