import type { TestAccount } from './support/accounts';
import { bearer, signUp, uniqueName } from './support/accounts';
import type { TestApp } from './support/test-app';
import { describeWithRedis } from './support/redis-for-tests';
import { startSharedTestApps } from './support/shared-test-apps';
import { startTestApp } from './support/test-app';

/** Three failures per account per window; per-client budgets generous; addresses from X-Forwarded-For. */
const ENV = { RATE_LIMIT_ACCOUNT_MAX: '3', RATE_LIMIT_WINDOW: '10m', TRUST_PROXY: 'true' };

let nextAddress = 0;
/** A client address no other request of this file has used. */
function freshAddress(): string {
  nextAddress += 1;
  return `203.0.${Math.floor(nextAddress / 250)}.${(nextAddress % 250) + 1}`;
}

describe('Sign-in failures counted per account', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: ENV });
  });

  afterAll(async () => {
    await t.close();
  });

  const login = (body: object, address = freshAddress()) =>
    t.http().post('/api/v1/auth/login').set('X-Forwarded-For', address).send(body);

  it('end a guessing run spread over many addresses in 429 with Retry-After', async () => {
    const victim = await signUp(t);
    for (let i = 0; i < 3; i += 1) {
      const res = await login({ email: victim.email, password: `wrong guess ${i}` }).expect(401);
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await login({ email: victim.email, password: 'wrong guess 4' }).expect(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(locked.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.headers['x-ratelimit-limit']).toBe('3');
    expect(locked.headers['x-ratelimit-remaining']).toBe('0');
    expect(locked.headers['x-ratelimit-resource']).toBe('account');
    expect(locked.headers['ratelimit-policy']).toContain('"account";q=3;w=600');
    // Locked means unchecked: the right password is refused too until the window ends.
    await login({ email: victim.email, password: victim.password }).expect(429);
  });

  it('count an email in any letter case as one account', async () => {
    const victim = await signUp(t);
    await login({ email: victim.email.toUpperCase(), password: 'wrong guess' }).expect(401);
    await login({ email: victim.email, password: 'wrong guess' }).expect(401);
    await login({ username: victim.username, password: 'wrong guess' }).expect(401);
    await login({ username: victim.username.toUpperCase(), password: 'wrong guess' }).expect(401);
    await login({ email: `${victim.email[0].toUpperCase()}${victim.email.slice(1)}`, password: 'x' }).expect(
      401,
    );
    await login({ email: victim.email, password: 'wrong guess' }).expect(429);
    await login({ username: ` ${victim.username} `, password: 'wrong guess' }).expect(401);
    await login({ username: victim.username, password: 'wrong guess' }).expect(429);
  });

  it('treat an unknown account exactly like a known one', async () => {
    const unknown = `${uniqueName('nobody')}@example.test`;
    for (let i = 0; i < 3; i += 1) {
      await login({ email: unknown, password: 'wrong guess' }).expect(401);
    }
    const locked = await login({ email: unknown, password: 'wrong guess' }).expect(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
  });

  it("never lock an owner out through other accounts' traffic", async () => {
    const owner = await signUp(t);
    const others = await Promise.all([signUp(t), signUp(t)]);
    for (const other of others) {
      for (let i = 0; i < 4; i += 1) {
        await login({ email: other.email, password: 'wrong guess' });
      }
      await login({ email: other.email, password: other.password }).expect(429);
    }
    await login({ email: owner.email, password: owner.password }).expect(200);
  });

  it("forget an account's failures once its owner signs in", async () => {
    const owner = await signUp(t);
    await login({ email: owner.email, password: 'typo one' }).expect(401);
    await login({ email: owner.email, password: 'typo two' }).expect(401);
    await login({ email: owner.email, password: owner.password }).expect(200);
    for (let i = 0; i < 3; i += 1) {
      await login({ email: owner.email, password: 'wrong guess' }).expect(401);
    }
    await login({ email: owner.email, password: 'wrong guess' }).expect(429);
  });
});

describe('Sensitive actions behind an access token', () => {
  let t: TestApp;
  let me: TestAccount;

  beforeAll(async () => {
    // Sign-ups (register and login) spend the test runner's own address; the tests use others.
    t = await startTestApp({ env: { ...ENV, RATE_LIMIT_AUTH_MAX: '6' } });
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(async () => {
    me = await signUp(t);
  });

  it('lock out the account after too many wrong current passwords, whichever action tried them', async () => {
    const from = freshAddress();
    const wrongPasswordChange = {
      currentPassword: 'not my password',
      newPassword: 'another sturdy passphrase',
    };
    for (const attempt of [
      t.http().put('/api/v1/users/me/password').send(wrongPasswordChange),
      t.http().delete('/api/v1/users/me').send({ currentPassword: 'not my password' }),
    ]) {
      const res = await attempt
        .set(...bearer(me))
        .set('X-Forwarded-For', from)
        .expect(422);
      expect(res.body.error.details).toEqual([{ field: 'currentPassword', message: expect.any(String) }]);
    }
    await t
      .http()
      .patch('/api/v1/users/me')
      .set(...bearer(me))
      .set('X-Forwarded-For', freshAddress())
      .send({ email: `${uniqueName()}@example.test`, currentPassword: 'not my password' })
      .expect(422);
    const locked = await t
      .http()
      .delete('/api/v1/users/me')
      .set(...bearer(me))
      .set('X-Forwarded-For', freshAddress())
      .send({ currentPassword: me.password })
      .expect(429);
    expect(locked.body.error.code).toBe('RATE_LIMITED');
    expect(locked.headers['retry-after']).toMatch(/^\d+$/);
    expect(locked.headers['x-ratelimit-limit']).toBe('3');
    await t
      .http()
      .get('/api/v1/users/me')
      .set(...bearer(me))
      .expect(200);
  });

  it('put password change, deletion and email change on the strict budget, not a rename', async () => {
    const from = freshAddress();
    const send = (method: 'put' | 'patch' | 'delete', path: string, body: object) =>
      t
        .http()
        [method](path)
        .set(...bearer(me))
        .set('X-Forwarded-For', from)
        .send(body);
    // The account budget plays no part (at most two wrong passwords): only the client's strict one.
    const newEmail = () => ({ email: `${uniqueName()}@example.test`, currentPassword: me.password });
    const samePassword = { currentPassword: me.password, newPassword: me.password };
    for (let i = 0; i < 2; i += 1) {
      await send('patch', '/api/v1/users/me', newEmail()).expect(200);
      await send('put', '/api/v1/users/me/password', samePassword).expect(422);
      await send('patch', '/api/v1/users/me', { username: uniqueName() }).expect(200);
      await send('delete', '/api/v1/users/me', { currentPassword: 'not my password' }).expect(422);
    }
    const limited = await send('put', '/api/v1/users/me/password', {
      currentPassword: me.password,
      newPassword: 'another sturdy passphrase',
    }).expect(429);
    expect(limited.headers['x-ratelimit-resource']).toBe('auth');
    await send('delete', '/api/v1/users/me', { currentPassword: me.password }).expect(429);
    await send('patch', '/api/v1/users/me', {
      email: `${uniqueName()}@example.test`,
      currentPassword: me.password,
    }).expect(429);
    await send('patch', '/api/v1/users/me', { username: uniqueName() }).expect(200);
  });
});

// Sharing the counters needs a Redis server: REDIS_URL's, or a redis-server of our own.
describeWithRedis('Sign-in failures per account across instances sharing Redis', (redis) => {
  it('spend one budget for an account across every instance', async () => {
    const { apps, close } = await startSharedTestApps(2, { ...ENV, REDIS_URL: redis.url });
    try {
      const email = `${uniqueName('shared')}@example.test`;
      const login = (i: number) =>
        apps[i % 2]
          .http()
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', freshAddress())
          .send({ email, password: 'wrong guess' });
      for (let i = 0; i < 3; i += 1) {
        await login(i).expect(401);
      }
      await login(3).expect(429);
      await login(4).expect(429);
    } finally {
      await close();
    }
  });
});
