import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { TEST_ADMIN, uniqueName } from '../support/accounts';
import { freePort, startBuiltApp, stopAll, waitUntilReady } from '../support/built-app';
import { itWithRedis, NO_REDIS_REASON, useTestRedis } from '../support/redis-for-tests';
import { createTestDatabase, dropTestDatabase } from '../support/test-database';

const INSTANCES = 3;
/** The strict budget, shared by the instances through Redis; the window outlasts the test. */
const AUTH_MAX = 8;
const PASSWORD = 'a sturdy passphrase 42';
const BUILT_MIGRATIONS = path.resolve(__dirname, '..', '..', 'dist', 'src', 'database', 'migrations');

/**
 * Three instances of the built app, started at the same moment on one fresh database and one Redis
 * (REDIS_URL's or a redis-server of the test's own; with neither, no Redis and the Redis-only
 * checks are reported skipped), as behind a load balancer.
 */
describe('Three instances on one database', () => {
  const redis = NO_REDIS_REASON === null ? useTestRedis() : undefined;
  let databaseUrl: string;
  let origins: string[];
  /** Requests to strict routes (login, register) so far: they all spend the one shared budget. */
  let strictSpent = 0;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    const env = {
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      DB_POOL_SIZE: '4',
      JWT_SECRET: 'scale-out-test-secret-that-is-long-enough-0123456789',
      // Registers and signs in over HTTP; following the mailed link is the account-flow tests' subject.
      AUTH_REQUIRE_VERIFIED_EMAIL: 'false',
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      RATE_LIMIT_MAX: '100000',
      RATE_LIMIT_AUTH_MAX: String(AUTH_MAX),
      RATE_LIMIT_WINDOW: '10m',
      ...(redis
        ? { REDIS_URL: redis.url, REDIS_PREFIX: `strata-scale-test-${randomBytes(4).toString('hex')}` }
        : {}),
    };
    const ports = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
    const runs = ports.map((port) => startBuiltApp({ ...env, PORT: String(port) }));
    await Promise.all(ports.map((port, i) => waitUntilReady(port, runs[i])));
    origins = ports.map((port) => `http://127.0.0.1:${port}/api/v1`);
  });

  afterAll(async () => {
    await stopAll();
    await dropTestDatabase(databaseUrl);
  });

  const send = (origin: string, method: string, route: string, body?: object, token?: string) => {
    if (route === '/auth/login' || (route === '/users' && method === 'POST')) {
      strictSpent += 1;
    }
    return fetch(`${origin}${route}`, {
      method,
      headers: {
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  };

  async function query<T>(sql: string): Promise<T[]> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  it('applies each migration exactly once', async () => {
    const built = readdirSync(BUILT_MIGRATIONS).filter((file) => file.endsWith('.js'));
    const rows = await query<{ name: string; applied: string }>(
      'SELECT name, count(*) AS applied FROM migrations GROUP BY name',
    );
    expect(rows).toHaveLength(built.length);
    expect(rows.every((row) => Number(row.applied) === 1)).toBe(true);
  });

  it('creates the admin exactly once, and every instance signs it in', async () => {
    const admins = await query<{ count: string }>(
      `SELECT count(*) FROM users WHERE email = '${TEST_ADMIN.email}'`,
    );
    expect(Number(admins[0].count)).toBe(1);
    for (const origin of origins) {
      expect((await send(origin, 'POST', '/auth/login', TEST_ADMIN)).status).toBe(200);
    }
  });

  it('shows a rename on the instance that took it at once; on every instance with Redis', async () => {
    const [a, ...others] = origins;
    const username = uniqueName('scaled');
    const email = `${username}@example.test`;
    const created = await send(a, 'POST', '/users', { email, username, password: PASSWORD });
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { data: { id: string } }).data.id;
    const login = await send(a, 'POST', '/auth/login', { email, password: PASSWORD });
    const token = ((await login.json()) as { data: { accessToken: string } }).data.accessToken;
    const nameOn = async (origin: string) =>
      ((await (await send(origin, 'GET', `/users/${id}`)).json()) as { data: { username: string } }).data
        .username;

    // Every instance has read (and cached) the profile before the write.
    for (const origin of origins) {
      expect(await nameOn(origin)).toBe(username);
    }
    const renamed = uniqueName('renamed');
    expect((await send(a, 'PATCH', '/users/me', { username: renamed }, token)).status).toBe(200);

    expect(await nameOn(a)).toBe(renamed);
    // Without Redis each instance caches in its own memory: the others may serve the old name
    // until CACHE_TTL (docs/operations.md). With Redis the cache is shared and coherent.
    if (redis) {
      for (const origin of others) {
        expect(await nameOn(origin)).toBe(renamed);
      }
    }
  });

  itWithRedis('shares the strict rate limit across instances (Redis)', async () => {
    const statuses: number[] = [];
    for (let i = 0; strictSpent < AUTH_MAX + INSTANCES; i += 1) {
      const res = await send(origins[i % INSTANCES], 'POST', '/auth/login', {
        email: TEST_ADMIN.email,
        password: 'not the password',
      });
      statuses.push(res.status);
    }
    // The budget ran out once in total, not once per instance: then every instance says 429.
    const allowed = statuses.length - INSTANCES;
    expect(statuses.slice(0, allowed).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(allowed)).toEqual([429, 429, 429]);
  });
});
