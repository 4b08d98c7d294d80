import { DataSource } from 'typeorm';
import type { TestAccount } from './support/accounts';
import { ADMIN_ENV, bearer, signInAdmin, signUp, uniqueName } from './support/accounts';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

const PASSWORD = 'a sturdy passphrase 42';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

function registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const username = uniqueName();
  return { email: `${username}@example.test`, username, password: PASSWORD, ...overrides };
}

function fieldsOf(res: { body: { error: { details: Array<{ field: string }> } } }): string[] {
  return res.body.error.details.map((detail) => detail.field);
}

/**
 * Registration, public profiles and administration. What a signed-in user does to its own account
 * is in users-self-service.e2e-spec.ts.
 */
describe('Users', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/v1/users', () => {
    it('registers an account, unverified, and answers 201 with exactly its full profile', async () => {
      const body = registration({ email: 'Mixed.Case@Example.TEST' });
      const res = await t.http().post('/api/v1/users').send(body).expect(201);
      expect(res.body.data).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        email: 'mixed.case@example.test',
        username: body.username,
        role: 'user',
        isActive: true,
        emailVerifiedAt: null,
        pendingEmail: null,
        createdAt: expect.stringMatching(/Z$/),
        updatedAt: expect.stringMatching(/Z$/),
      });
    });

    it('answers 409 EMAIL_TAKEN for an email registered in another case', async () => {
      const first = registration();
      await t.http().post('/api/v1/users').send(first).expect(201);
      const again = registration({ email: String(first.email).toUpperCase() });
      const res = await t.http().post('/api/v1/users').send(again).expect(409);
      expect(res.body.error.code).toBe('EMAIL_TAKEN');
    });

    it('answers 409 USERNAME_TAKEN for a username taken in another case', async () => {
      const first = registration();
      await t.http().post('/api/v1/users').send(first).expect(201);
      const res = await t
        .http()
        .post('/api/v1/users')
        .send(registration({ username: String(first.username).toUpperCase() }))
        .expect(409);
      expect(res.body.error.code).toBe('USERNAME_TAKEN');
    });

    it('lets exactly one of 20 concurrent registrations with one email through, the rest 409', async () => {
      const email = `${uniqueName('race')}@example.test`;
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => t.http().post('/api/v1/users').send(registration({ email }))),
      );
      const statuses = responses.map((res) => res.status).sort();
      expect(statuses.filter((status) => status === 201)).toHaveLength(1);
      expect(statuses.filter((status) => status === 409)).toHaveLength(19);
      for (const res of responses.filter((r) => r.status === 409)) {
        expect(res.body.error.code).toBe('EMAIL_TAKEN');
      }
    });

    it.each([
      ['a role', { role: 'admin' }, 'role'],
      ['isActive', { isActive: false }, 'isActive'],
      ['an id', { id: UNKNOWN_ID }, 'id'],
      ['a number as username', { username: 12345 }, 'username'],
      ['a short username', { username: 'ab' }, 'username'],
      ['a username with spaces', { username: 'ada lovelace' }, 'username'],
      ['an invalid email', { email: 'not-an-email' }, 'email'],
      ['a short password', { password: 'short' }, 'password'],
      ['a password over 128 characters', { password: 'x'.repeat(129) }, 'password'],
      ['a common password', { password: 'password123' }, 'password'],
      ['a NUL in the username', { username: 'ada\u0000x' }, 'username'],
    ])('refuses %s with 422 naming the field', async (_case, overrides, field) => {
      const res = await t.http().post('/api/v1/users').send(registration(overrides)).expect(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(res)).toContain(field);
    });

    it('names every missing field', async () => {
      const res = await t.http().post('/api/v1/users').send({}).expect(422);
      expect(fieldsOf(res)).toEqual(expect.arrayContaining(['email', 'username', 'password']));
    });

    it('refuses a password equal to the username', async () => {
      const username = uniqueName();
      const res = await t
        .http()
        .post('/api/v1/users')
        .send(registration({ username, password: `${username}` }))
        .expect(422);
      expect(fieldsOf(res)).toContain('password');
    });
  });

  describe('GET /api/v1/users/:id', () => {
    it('shows anyone exactly id, username and createdAt', async () => {
      const user = await signUp(t);
      const res = await t.http().get(`/api/v1/users/${user.id}`).expect(200);
      expect(Object.keys(res.body.data).sort()).toEqual(['createdAt', 'id', 'username']);
    });

    it('shows the full profile to the user itself and to admins', async () => {
      const user = await signUp(t);
      const admin = await signInAdmin(t);
      for (const viewer of [user, admin]) {
        const res = await t
          .http()
          .get(`/api/v1/users/${user.id}`)
          .set(...bearer(viewer))
          .expect(200);
        expect(res.body.data).toMatchObject({ id: user.id, email: user.email, role: 'user' });
      }
    });

    it('answers 404 for an unknown id and 422 for a malformed one', async () => {
      await t.http().get(`/api/v1/users/${UNKNOWN_ID}`).expect(404);
      const res = await t.http().get('/api/v1/users/not-a-uuid').expect(422);
      expect(fieldsOf(res)).toEqual(['id']);
    });
  });

  describe('administration', () => {
    let admin: TestAccount;

    beforeAll(async () => {
      admin = await signInAdmin(t);
    });

    it('forbids the list and account changes to non-admins with 403', async () => {
      const user = await signUp(t);
      const list = await t
        .http()
        .get('/api/v1/users')
        .set(...bearer(user))
        .expect(403);
      expect(list.body.error.code).toBe('FORBIDDEN');
      await t
        .http()
        .patch(`/api/v1/users/${user.id}`)
        .set(...bearer(user))
        .send({ role: 'admin' })
        .expect(403);
    });

    it('pages through every user, newest first, with exact hasMore and a null cursor on the last page', async () => {
      await Promise.all([signUp(t), signUp(t), signUp(t)]);
      const seen = new Set<string>();
      const walked: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: Record<string, string> = { limit: '2', ...(cursor ? { cursor } : {}) };
        const res = await t
          .http()
          .get('/api/v1/users')
          .query(query)
          .set(...bearer(admin))
          .expect(200);
        for (const user of res.body.data as Array<{ id: string }>) {
          expect(seen.has(user.id)).toBe(false);
          seen.add(user.id);
          walked.push(user.id);
        }
        expect(res.body.meta.limit).toBe(2);
        expect(res.body.meta.hasMore).toBe(res.body.meta.nextCursor !== null);
        cursor = res.body.meta.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBeGreaterThan(1);
      const all = await t
        .http()
        .get('/api/v1/users')
        .query({ limit: '100' })
        .set(...bearer(admin))
        .expect(200);
      expect(seen.size).toBe(all.body.data.length);
      // Newest first, ties broken by id: the order the database itself gives.
      const newestFirst = await t.app
        .get(DataSource)
        .query<Array<{ id: string }>>('SELECT id FROM users ORDER BY created_at DESC, id DESC');
      expect(walked).toEqual(newestFirst.map((row) => row.id));
    });

    it.each([
      ['a forged cursor', { cursor: 'eyJmb28iOjF9.c2lnbmF0dXJl' }, 'cursor'],
      ['limit 0', { limit: '0' }, 'limit'],
      ['limit 101', { limit: '101' }, 'limit'],
      ['a non-numeric limit', { limit: 'ten' }, 'limit'],
    ])('answers 422 for %s', async (_case, query, field) => {
      const res = await t
        .http()
        .get('/api/v1/users')
        .query(query)
        .set(...bearer(admin))
        .expect(422);
      expect(fieldsOf(res)).toContain(field);
    });

    it('promotes a user, who then gets admin rights at once', async () => {
      const user = await signUp(t);
      // Its token was seen as a user's first: the guard's cached view of the account must follow.
      await t
        .http()
        .get('/api/v1/users')
        .set(...bearer(user))
        .expect(403);
      const res = await t
        .http()
        .patch(`/api/v1/users/${user.id}`)
        .set(...bearer(admin))
        .send({ role: 'admin' })
        .expect(200);
      expect(res.body.data.role).toBe('admin');
      await t
        .http()
        .get('/api/v1/users')
        .set(...bearer(user))
        .expect(200);
    });

    it('deactivates a user, whose tokens stop working at once', async () => {
      const user = await signUp(t);
      await t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(user))
        .expect(200);
      await t
        .http()
        .patch(`/api/v1/users/${user.id}`)
        .set(...bearer(admin))
        .send({ isActive: false })
        .expect(200);
      const res = await t
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(user))
        .expect(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('changes nothing but role and isActive', async () => {
      const user = await signUp(t);
      const res = await t
        .http()
        .patch(`/api/v1/users/${user.id}`)
        .set(...bearer(admin))
        .send({ email: 'taken-over@example.test' })
        .expect(422);
      expect(fieldsOf(res)).toEqual(['email']);
    });

    it('answers 404 for an unknown user', async () => {
      await t
        .http()
        .patch(`/api/v1/users/${UNKNOWN_ID}`)
        .set(...bearer(admin))
        .send({ role: 'admin' })
        .expect(404);
    });
  });
});
