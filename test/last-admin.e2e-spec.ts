import type { TestAccount } from './support/accounts';
import { ADMIN_ENV, bearer, signIn, signInAdmin, signUp, TEST_ADMIN } from './support/accounts';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/** Each test gets a database whose only admin is the configured one. */
describe('The last active admin', () => {
  let t: TestApp;
  let admin: TestAccount;

  beforeEach(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    admin = await signInAdmin(t);
  });

  afterEach(async () => {
    await t.close();
  });

  async function promote(by: TestAccount, user: TestAccount): Promise<void> {
    await t
      .http()
      .patch(`/api/v1/users/${user.id}`)
      .set(...bearer(by))
      .send({ role: 'admin' })
      .expect(200);
  }

  async function activeAdminIds(by: TestAccount): Promise<string[]> {
    const res = await t
      .http()
      .get('/api/v1/users?limit=100')
      .set(...bearer(by))
      .expect(200);
    const users = res.body.data as Array<{ id: string; role: string; isActive: boolean }>;
    return users.filter((user) => user.role === 'admin' && user.isActive).map((user) => user.id);
  }

  it('cannot demote or deactivate itself through PATCH: 409 LAST_ADMIN, and stays an admin', async () => {
    for (const change of [{ role: 'user' }, { isActive: false }, { role: 'user', isActive: false }]) {
      const res = await t
        .http()
        .patch(`/api/v1/users/${admin.id}`)
        .set(...bearer(admin))
        .send(change)
        .expect(409);
      expect(res.body.error.code).toBe('LAST_ADMIN');
      expect(res.body.message).toMatch(/last active admin/);
      expect(await activeAdminIds(admin)).toEqual([admin.id]);
    }
  });

  it('cannot deactivate itself through DELETE /users/me, and still signs in', async () => {
    const res = await t
      .http()
      .delete('/api/v1/users/me')
      .set(...bearer(admin))
      .send({ currentPassword: TEST_ADMIN.password })
      .expect(409);
    expect(res.body.error.code).toBe('LAST_ADMIN');
    await signIn(t, TEST_ADMIN);
  });

  it('may step down once another admin exists, who is then the last', async () => {
    const other = await signUp(t);
    await promote(admin, other);
    await t
      .http()
      .patch(`/api/v1/users/${admin.id}`)
      .set(...bearer(admin))
      .send({ role: 'user' })
      .expect(200);
    const res = await t
      .http()
      .patch(`/api/v1/users/${other.id}`)
      .set(...bearer(other))
      .send({ isActive: false })
      .expect(409);
    expect(res.body.error.code).toBe('LAST_ADMIN');
    expect(await activeAdminIds(other)).toEqual([other.id]);
  });

  it('survives two admins demoting each other at the same moment: one of them stays', async () => {
    const other = await signUp(t);
    let [survivor, demoted] = [admin, other];
    for (let round = 0; round < 5; round += 1) {
      await promote(survivor, demoted);
      const [first, second] = await Promise.all(
        [
          [admin, other],
          [other, admin],
        ].map(([by, target]) =>
          t
            .http()
            .patch(`/api/v1/users/${target.id}`)
            .set(...bearer(by))
            .send({ role: 'user' }),
        ),
      );
      const statuses = [first.status, second.status].sort();
      // The loser is refused by the rule (409), or by the guard (403) when it was already demoted.
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      [survivor, demoted] = first.status === 200 ? [admin, other] : [other, admin];
      expect(await activeAdminIds(survivor)).toEqual([survivor.id]);
    }
  });
});
