import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestAccount } from './support/accounts';
import { ADMIN_ENV, bearer, signIn, signInAdmin, signUp, TEST_ADMIN } from './support/accounts';
import { describeWithRedis } from './support/redis-for-tests';
import type { TestApp } from './support/test-app';
import { startTestApp, TEST_JWT_SECRET } from './support/test-app';

const SCRIPT = path.resolve(__dirname, '..', 'dist', 'scripts', 'user-role.js');

interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run user:promote` / `user:demote` as an operator runs them (the built script), on `databaseUrl`. */
async function userRole(running: TestApp, ...args: string[]): Promise<ScriptRun> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: os.tmpdir(),
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: running.config.databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    // The running app's cache, when it is shared (Redis): the script invalidates what it changes.
    ...(running.config.redisUrl
      ? { REDIS_URL: running.config.redisUrl, REDIS_PREFIX: running.config.redisPrefix }
      : {}),
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [SCRIPT, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run user:promote and user:demote', () => {
  let t: TestApp;
  let admin: TestAccount;

  beforeAll(async () => {
    // The app keeps running while the script changes its database, as in development.
    t = await startTestApp({ env: ADMIN_ENV });
    admin = await signInAdmin(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('promotes an account by its email, in any case, and it gets admin rights', async () => {
    const user = await signUp(t, { email: `${Date.now().toString(36)}.promoted@example.test` });
    const run = await userRole(t, 'promote', user.email.toUpperCase());
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('is now an admin') });
    // A fresh sign-in: the app has not cached this account's state yet, whatever the cache.
    const tokens = await signIn(t, { email: user.email, password: user.password });
    await t
      .http()
      .get('/api/v1/users')
      .set(...bearer(tokens))
      .expect(200);
    const again = await userRole(t, 'promote', user.email);
    expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining('is already an admin') });
  });

  it('says so and exits 3 for an unknown email, and 2 without one', async () => {
    const unknown = await userRole(t, 'demote', 'nobody@example.test');
    expect(unknown).toMatchObject({ code: 3, stderr: expect.stringContaining('No account has the email') });
    const usage = await userRole(t, 'promote');
    expect(usage).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage') });
  });

  it('demotes an admin, and refuses to demote the last active admin (exit 4)', async () => {
    const list = await t
      .http()
      .get('/api/v1/users?limit=100')
      .set(...bearer(admin))
      .expect(200);
    const others = (list.body.data as Array<{ email: string; role: string }>).filter(
      (user) => user.role === 'admin' && user.email !== TEST_ADMIN.email,
    );
    for (const other of others) {
      expect(await userRole(t, 'demote', other.email)).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('is now a regular user'),
      });
    }
    const last = await userRole(t, 'demote', TEST_ADMIN.email);
    expect(last).toMatchObject({ code: 4, stderr: expect.stringContaining('last active admin') });
    await t
      .http()
      .get('/api/v1/users')
      .set(...bearer(admin))
      .expect(200);
  });
});

// A shared cache (Redis: REDIS_URL's, or a redis-server of our own) lets the script's change reach
// the running app at once.
describeWithRedis('npm run user:demote next to a running app sharing Redis', (redis) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { ...ADMIN_ENV, REDIS_URL: redis.url } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('stops the running app honouring a demoted role at once', async () => {
    const user = await signUp(t);
    await userRole(t, 'promote', user.email);
    const tokens = await signIn(t, { email: user.email, password: user.password });
    await t
      .http()
      .get('/api/v1/users')
      .set(...bearer(tokens))
      .expect(200);
    await userRole(t, 'demote', user.email);
    await t
      .http()
      .get('/api/v1/users')
      .set(...bearer(tokens))
      .expect(403);
  });
});
