import type { TestAccount } from './support/accounts';
import { bearer, signIn, signUp, uniqueName } from './support/accounts';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

function fieldsOf(res: { body: { error: { details: Array<{ field: string }> } } }): string[] {
  return res.body.error.details.map((detail) => detail.field);
}

/** What a signed-in user does to its own account: profile, username, email, password, deactivation. */
describe('Users: self-service', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  describe('the signed-in user', () => {
    let me: TestAccount;

    beforeEach(async () => {
      me = await signUp(t);
    });

    it('reads its full profile at GET /users/me', async () => {
      const res = await t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(me))
        .expect(200);
      expect(res.body.data).toMatchObject({
        id: me.id,
        email: me.email,
        username: me.username,
        role: 'user',
        emailVerifiedAt: expect.any(String),
        pendingEmail: null,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
    });

    it('changes its username at once and asks for an email change, the new address pending and lower-cased', async () => {
      const username = uniqueName('renamed');
      const res = await t
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(me))
        .send({ username, email: `${username.toUpperCase()}@Example.test`, currentPassword: me.password })
        .expect(200);
      expect(res.body.data).toMatchObject({
        username,
        email: me.email,
        pendingEmail: `${username}@example.test`,
      });
    });

    it('gets 409 EMAIL_TAKEN when asking to move to an address another account has', async () => {
      const other = await signUp(t);
      const res = await t
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(me))
        .send({ email: other.email, currentPassword: me.password })
        .expect(409);
      expect(res.body.error.code).toBe('EMAIL_TAKEN');
    });

    it('cancels a pending email change by asking for its current address', async () => {
      const move = { email: `${uniqueName()}@example.test`, currentPassword: me.password };
      await t
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(me))
        .send(move)
        .expect(200);
      const res = await t
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(me))
        .send({ email: me.email, currentPassword: me.password })
        .expect(200);
      expect(res.body.data).toMatchObject({ email: me.email, pendingEmail: null });
    });

    it('needs its current password to change its email: 422 on currentPassword without it', async () => {
      const res = await t
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(me))
        .send({ email: `${uniqueName()}@example.test` })
        .expect(422);
      expect(new Set(fieldsOf(res))).toEqual(new Set(['currentPassword']));
    });

    it('refuses an email change with a wrong current password and changes nothing', async () => {
      const res = await t
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(me))
        .send({
          username: uniqueName(),
          email: `${uniqueName()}@example.test`,
          currentPassword: 'not my password',
        })
        .expect(422);
      expect(fieldsOf(res)).toEqual(['currentPassword']);
      const profile = await t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(me))
        .expect(200);
      expect(profile.body.data).toMatchObject({ email: me.email, username: me.username });
    });

    it('changes its username alone without a password', async () => {
      const username = uniqueName('plain');
      const res = await t
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(me))
        .send({ username })
        .expect(200);
      expect(res.body.data.username).toBe(username);
    });

    it('cannot set its role or active state through PATCH /users/me', async () => {
      const res = await t
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(me))
        .send({ role: 'admin', isActive: true, createdAt: '2020-01-01T00:00:00Z' })
        .expect(422);
      expect(fieldsOf(res)).toEqual(expect.arrayContaining(['role', 'isActive', 'createdAt']));
    });

    it('gets 409 USERNAME_TAKEN when renaming to a taken username', async () => {
      const other = await signUp(t);
      const res = await t
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(me))
        .send({ username: other.username.toUpperCase() })
        .expect(409);
      expect(res.body.error.code).toBe('USERNAME_TAKEN');
    });

    it('sees a rename in the cached public profile at once', async () => {
      await t.http().get(`/api/v1/users/${me.id}`).expect(200);
      const username = uniqueName('fresh');
      await t
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(me))
        .send({ username })
        .expect(200);
      const res = await t.http().get(`/api/v1/users/${me.id}`).expect(200);
      expect(res.body.data.username).toBe(username);
    });

    it('refuses a password change with a wrong current password, 422 on currentPassword', async () => {
      const res = await t
        .http()
        .put('/api/v1/users/me/password')
        .set(...bearer(me))
        .send({ currentPassword: 'not my password', newPassword: 'another sturdy passphrase' })
        .expect(422);
      expect(fieldsOf(res)).toEqual(['currentPassword']);
    });

    it('changes its password and is signed out everywhere', async () => {
      const newPassword = 'another sturdy passphrase';
      await t
        .http()
        .put('/api/v1/users/me/password')
        .set(...bearer(me))
        .send({ currentPassword: me.password, newPassword })
        .expect(204);
      await t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(me))
        .expect(401);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: me.refreshToken }).expect(401);
      await t.http().post('/api/v1/auth/login').send({ email: me.email, password: me.password }).expect(401);
      await signIn(t, { email: me.email, password: newPassword });
    });

    it('needs its current password to deactivate its account', async () => {
      const missing = await t
        .http()
        .delete('/api/v1/users/me')
        .set(...bearer(me))
        .expect(422);
      expect(new Set(fieldsOf(missing))).toEqual(new Set(['currentPassword']));
      const wrong = await t
        .http()
        .delete('/api/v1/users/me')
        .set(...bearer(me))
        .send({ currentPassword: 'not my password' })
        .expect(422);
      expect(fieldsOf(wrong)).toEqual(['currentPassword']);
      await t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(me))
        .expect(200);
    });

    it('deactivates its account: tokens stop working, sign-in fails, the profile is gone', async () => {
      await t
        .http()
        .delete('/api/v1/users/me')
        .set(...bearer(me))
        .send({ currentPassword: me.password })
        .expect(204);
      await t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(me))
        .expect(401);
      await t.http().post('/api/v1/auth/refresh').send({ refreshToken: me.refreshToken }).expect(401);
      const login = await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: me.email, password: me.password })
        .expect(401);
      expect(login.body.error.code).toBe('INVALID_CREDENTIALS');
      await t.http().get(`/api/v1/users/${me.id}`).expect(404);
    });
  });
});
