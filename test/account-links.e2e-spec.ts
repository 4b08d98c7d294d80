import { DataSource } from 'typeorm';
import { ADMIN_ENV, TEST_ADMIN } from './support/accounts';
import { expireLinkTokens, insertAccount, issueLinkToken } from './support/account-links';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/**
 * The routes behind mailed links, with tokens issued as the mail jobs issue them, and the sign-in
 * gate on unverified addresses. The whole flows, through the queue and real mail, are in
 * account-flows.e2e-spec.ts.
 */
describe('Account links', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
  });

  afterAll(async () => {
    await t.close();
  });

  const login = ({ email, password }: { email: string; password: string }) =>
    t.http().post('/api/v1/auth/login').send({ email, password });
  const emailOf = async (id: string) =>
    (await t.app.get(DataSource).query<{ email: string }[]>('SELECT email FROM users WHERE id = $1', [id]))[0]
      .email;

  describe('signing in (AUTH_REQUIRE_VERIFIED_EMAIL=true, the default)', () => {
    it('answers 403 EMAIL_NOT_VERIFIED to the right password of an unverified account', async () => {
      const user = await insertAccount(t);
      const res = await login(user).expect(403);
      expect(res.body.error.code).toBe('EMAIL_NOT_VERIFIED');
    });

    it('still answers 401 INVALID_CREDENTIALS to a wrong password of an unverified account', async () => {
      const user = await insertAccount(t);
      const res = await login({ email: user.email, password: 'not the password' }).expect(401);
      expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    });

    it('signs in a verified account, and the configured admin from the start', async () => {
      const user = await insertAccount(t, { verified: true });
      await login(user).expect(200);
      await login(TEST_ADMIN).expect(200);
    });
  });

  describe('POST /api/v1/auth/email/verify', () => {
    const verify = (token: unknown) => t.http().post('/api/v1/auth/email/verify').send({ token });

    it('verifies the address with the token mailed for it (204), then the account signs in', async () => {
      const user = await insertAccount(t);
      await verify(await issueLinkToken(t, user, 'email-verify')).expect(204);
      const signedIn = await login(user).expect(200);
      const me = await t
        .http()
        .get('/api/v1/users/me')
        .set('Authorization', `Bearer ${signedIn.body.data.accessToken}`)
        .expect(200);
      expect(me.body.data.emailVerifiedAt).toEqual(expect.stringMatching(/Z$/));
    });

    it.each([
      ['a used', async (token: string) => void (await verify(token).expect(204))],
      ['an expired', async (_token: string, userId: string) => expireLinkTokens(t, userId)],
    ])('answers 400 INVALID_TOKEN to %s token', async (_, spoil) => {
      const user = await insertAccount(t);
      const token = await issueLinkToken(t, user, 'email-verify');
      await spoil(token, user.id);
      const res = await verify(token).expect(400);
      expect(res.body.error.code).toBe('INVALID_TOKEN');
    });

    it('answers 400 INVALID_TOKEN to an unknown token and to one for another purpose, alike', async () => {
      const user = await insertAccount(t);
      const reset = await issueLinkToken(t, user, 'password-reset');
      const unknown = await verify('A'.repeat(43)).expect(400);
      const otherPurpose = await verify(reset).expect(400);
      expect(otherPurpose.body.error).toEqual(unknown.body.error);
      expect(otherPurpose.body.message).toBe(unknown.body.message);
    });

    it('answers 400 INVALID_TOKEN to an older link once a newer one was issued', async () => {
      const user = await insertAccount(t);
      const older = await issueLinkToken(t, user, 'email-verify');
      const newer = await issueLinkToken(t, user, 'email-verify');
      await verify(older).expect(400);
      await verify(newer).expect(204);
    });

    it('answers 400 INVALID_TOKEN to a token mailed to an address the user no longer has', async () => {
      const user = await insertAccount(t);
      const token = await issueLinkToken(t, user, 'email-verify', { email: 'someone-else@example.test' });
      await verify(token).expect(400);
      await login(user).expect(403);
    });

    it('lets exactly one of several concurrent uses of one token succeed', async () => {
      const user = await insertAccount(t);
      const token = await issueLinkToken(t, user, 'email-verify');
      const statuses = (await Promise.all(Array.from({ length: 5 }, () => verify(token)))).map(
        (res) => res.status,
      );
      expect(statuses.sort()).toEqual([204, 400, 400, 400, 400]);
    });

    it.each([
      ['a missing token', {}],
      ['a token that is not a string', { token: 12345 }],
      ['an empty token', { token: '' }],
      ['an unknown field', { token: 'abc', extra: true }],
    ])('answers 422 to %s', async (_, body) => {
      const res = await t.http().post('/api/v1/auth/email/verify').send(body).expect(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('POST /api/v1/auth/email/confirm-change', () => {
    const confirm = (token: string) => t.http().post('/api/v1/auth/email/confirm-change').send({ token });
    const askToMove = (id: string, email: string) =>
      t.app.get(DataSource).query('UPDATE users SET pending_email = $2 WHERE id = $1', [id, email]);

    it('moves the account to the pending address (204), verified', async () => {
      const user = await insertAccount(t, { verified: true });
      const newEmail = `moved-${user.username}@example.test`;
      await askToMove(user.id, newEmail);
      await confirm(await issueLinkToken(t, user, 'email-change', { email: newEmail })).expect(204);
      await login({ email: newEmail, password: user.password }).expect(200);
      await login(user).expect(401);
    });

    it('answers 409 EMAIL_TAKEN when another account took the address meanwhile, and the link still works after', async () => {
      const [user, other] = [
        await insertAccount(t, { verified: true }),
        await insertAccount(t, { verified: true }),
      ];
      const newEmail = `wanted-${user.username}@example.test`;
      await askToMove(user.id, newEmail);
      const token = await issueLinkToken(t, user, 'email-change', { email: newEmail });
      await t.app.get(DataSource).query('UPDATE users SET email = $2 WHERE id = $1', [other.id, newEmail]);
      const res = await confirm(token).expect(409);
      expect(res.body.error.code).toBe('EMAIL_TAKEN');
      await t.app.get(DataSource).query('UPDATE users SET email = $2 WHERE id = $1', [other.id, other.email]);
      await confirm(token).expect(204);
    });

    it('answers 400 INVALID_TOKEN when the address is no longer the pending one', async () => {
      const user = await insertAccount(t, { verified: true });
      await askToMove(user.id, `newer-${user.username}@example.test`);
      const token = await issueLinkToken(t, user, 'email-change', {
        email: `older-${user.username}@example.test`,
      });
      await confirm(token).expect(400);
      expect(await emailOf(user.id)).toBe(user.email);
    });

    it('voids the links mailed to the old address', async () => {
      const user = await insertAccount(t);
      const newEmail = `away-${user.username}@example.test`;
      const reset = await issueLinkToken(t, user, 'password-reset');
      await askToMove(user.id, newEmail);
      await confirm(await issueLinkToken(t, user, 'email-change', { email: newEmail })).expect(204);
      await t
        .http()
        .post('/api/v1/auth/password/reset')
        .send({ token: reset, newPassword: 'another sturdy passphrase' })
        .expect(400);
    });
  });

  describe('POST /api/v1/auth/password/reset', () => {
    it('answers 400 INVALID_TOKEN to a token for another purpose, and the password stays', async () => {
      const user = await insertAccount(t, { verified: true });
      const token = await issueLinkToken(t, user, 'email-verify');
      const res = await t
        .http()
        .post('/api/v1/auth/password/reset')
        .send({ token, newPassword: 'another sturdy passphrase' })
        .expect(400);
      expect(res.body.error.code).toBe('INVALID_TOKEN');
      await login(user).expect(200);
    });

    it("applies registration's password rules: 422 on newPassword", async () => {
      const user = await insertAccount(t, { verified: true });
      const token = await issueLinkToken(t, user, 'password-reset');
      for (const newPassword of ['short', 'password123', user.username]) {
        const res = await t
          .http()
          .post('/api/v1/auth/password/reset')
          .send({ token, newPassword })
          .expect(422);
        expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'newPassword' })]);
      }
    });
  });

  describe.each(['/api/v1/auth/email/verify/resend', '/api/v1/auth/password/forgot'])('POST %s', (path) => {
    it.each([
      ['a missing email', {}],
      ['an invalid email', { email: 'not-an-email' }],
      ['an email that is not a string', { email: 42 }],
      ['an unknown field', { email: 'ada@example.test', extra: 1 }],
    ])('answers 422 to %s', async (_, body) => {
      const res = await t.http().post(path).send(body).expect(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });
  });
});

describe('Signing in with AUTH_REQUIRE_VERIFIED_EMAIL=false', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_REQUIRE_VERIFIED_EMAIL: 'false' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('lets an unverified account sign in', async () => {
    const { email, password } = await insertAccount(t);
    await t.http().post('/api/v1/auth/login').send({ email, password }).expect(200);
  });
});
