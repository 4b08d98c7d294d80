import { JwtService } from '@nestjs/jwt';
import type { TestAccount } from './support/accounts';
import { bearer, signUp } from './support/accounts';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

describe('Auth', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Without the reuse grace, so that a rotated token presented again is at once a replay
    // (the grace is tested in refresh-tokens.e2e-spec.ts).
    t = await startTestApp({ env: { JWT_REFRESH_REUSE_GRACE: '0' } });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/v1/auth/login', () => {
    let account: TestAccount;

    beforeAll(async () => {
      account = await signUp(t);
    });

    it('signs in by email in any case and returns a bearer pair', async () => {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: account.email.toUpperCase(), password: account.password })
        .expect(200);
      expect(res.body.data).toEqual({
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        refreshToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
      });
      await t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(res.body.data))
        .expect(200);
    });

    it('signs in by username in any case', async () => {
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ username: account.username.toUpperCase(), password: account.password })
        .expect(200);
    });

    it('says the same INVALID_CREDENTIALS for a wrong password and an unknown account', async () => {
      const wrong = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: account.email, password: 'not the password' })
        .expect(401);
      const unknown = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'nobody@example.test', password: 'not the password' })
        .expect(401);
      expect(wrong.body.error).toEqual({ code: 'INVALID_CREDENTIALS' });
      expect(unknown.body.error).toEqual(wrong.body.error);
      expect(unknown.body.message).toBe(wrong.body.message);
    });

    it('wants exactly one of email and username', async () => {
      await t.http().post('/api/v1/auth/login').send({ password: 'whatever-it-is' }).expect(422);
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: account.email, username: account.username, password: account.password })
        .expect(422);
    });

    it('refuses a password over 128 characters before any hashing', async () => {
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: account.email, password: 'x'.repeat(129) })
        .expect(422);
      expect(res.body.error.details[0].field).toBe('password');
    });
  });

  describe('refresh tokens', () => {
    it('rotate: a refresh gives a new pair and the old refresh token stops working', async () => {
      const account = await signUp(t);
      const res = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
      expect(res.body.data.refreshToken).not.toBe(account.refreshToken);
      await t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(res.body.data))
        .expect(200);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }).expect(401);
    });

    it('revoke the whole family when a rotated token is presented again', async () => {
      const account = await signUp(t);
      const rotated = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(200);
      const reuse = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: account.refreshToken })
        .expect(401);
      expect(reuse.body.error.code).toBe('UNAUTHENTICATED');
      await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: rotated.body.data.refreshToken })
        .expect(401);
    });

    it('let exactly one of several concurrent refreshes with one token succeed', async () => {
      const account = await signUp(t);
      const responses = await Promise.all(
        Array.from({ length: 8 }, () =>
          t.http().post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }),
        ),
      );
      const statuses = responses.map((res) => res.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      expect(statuses.filter((status) => status === 401)).toHaveLength(7);
    });

    it('are never accepted as access tokens, nor access tokens as refresh tokens', async () => {
      const account = await signUp(t);
      await t
        .http()
        .get('/api/v1/users/me')
        .set('Authorization', `Bearer ${account.refreshToken}`)
        .expect(401);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: account.accessToken }).expect(401);
    });

    it('stop working after logout, which answers 204 and is idempotent', async () => {
      const account = await signUp(t);
      await t.http().post('/api/v1/auth/logout').send({ refreshToken: account.refreshToken }).expect(204);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }).expect(401);
      await t.http().post('/api/v1/auth/logout').send({ refreshToken: account.refreshToken }).expect(204);
    });
  });

  describe('access tokens', () => {
    let account: TestAccount;
    let jwt: JwtService;

    beforeAll(async () => {
      account = await signUp(t);
      jwt = t.app.get(JwtService);
    });

    function forge(payload: object, options: Record<string, unknown> = {}): string {
      return jwt.sign(payload, {
        algorithm: 'HS256',
        issuer: 'strata',
        audience: 'strata-api',
        expiresIn: 60,
        ...options,
      });
    }

    it('are accepted when signed, typed and current', async () => {
      const token = forge({ sub: account.id, role: 'user', ver: 0, typ: 'access' });
      await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).expect(200);
    });

    it.each([
      ['expired', { sub: 'me', role: 'user', ver: 0, typ: 'access' }, { expiresIn: -10 }],
      ['of another audience', { sub: 'me', role: 'user', ver: 0, typ: 'access' }, { audience: 'other' }],
      ['of another issuer', { sub: 'me', role: 'user', ver: 0, typ: 'access' }, { issuer: 'other' }],
      ['without the access type', { sub: 'me', role: 'user', ver: 0 }, {}],
      [
        'signed with another secret',
        { sub: 'me', role: 'user', ver: 0, typ: 'access' },
        { secret: 'x'.repeat(40) },
      ],
      [
        'signed with another algorithm',
        { sub: 'me', role: 'user', ver: 0, typ: 'access' },
        { algorithm: 'HS512' },
      ],
    ])('are refused with 401 when %s', async (_case, payload, options) => {
      const token = forge({ ...payload, sub: account.id }, options);
      const res = await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('are refused unsigned (alg none)', async () => {
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const token = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: account.id, role: 'admin', ver: 0, typ: 'access', iss: 'strata', aud: 'strata-api' })}.`;
      await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${token}`).expect(401);
    });
  });
});

describe('Auth rate limits', () => {
  it('put login, register and refresh under the strict budget with a Retry-After', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT_AUTH_MAX: '2' } });
    try {
      const body = { email: 'nobody@example.test', password: 'not the password' };
      await t.http().post('/api/v1/auth/login').send(body).expect(401);
      await t.http().post('/api/v1/auth/login').send(body).expect(401);
      const limited = await t.http().post('/api/v1/auth/login').send(body).expect(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(limited.headers['retry-after']).toMatch(/^\d+$/);
      await t.http().post('/api/v1/users').send({}).expect(429);
      const refresh = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: 'not-a-refresh-token' })
        .expect(429);
      expect(refresh.body.error.code).toBe('RATE_LIMITED');
    } finally {
      await t.close();
    }
  });
});

describe('The strict budget of each client', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_AUTH_MAX: '2', TRUST_PROXY: 'true' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['login', '/api/v1/auth/login', { email: 'nobody@example.test', password: 'not the password' }, 401, 1],
    ['register', '/api/v1/users', {}, 422, 2],
    ['refresh', '/api/v1/auth/refresh', { refreshToken: 'not-a-refresh-token' }, 401, 3],
    ['logout', '/api/v1/auth/logout', { refreshToken: 'not-a-refresh-token' }, 204, 4],
  ])('covers %s', async (_route, path, body, status, client) => {
    const from = (address: string) => t.http().post(path).set('X-Forwarded-For', address).send(body);
    await from(`203.0.113.${client}`).expect(status);
    await from(`203.0.113.${client}`).expect(status);
    const limited = await from(`203.0.113.${client}`).expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.headers['x-ratelimit-limit']).toBe('2');
    await from(`198.51.100.${client}`).expect(status);
  });
});
