import { DataSource } from 'typeorm';
import { hashRefreshToken } from '../src/modules/auth/refresh-token-secret';
import { signIn, signUp } from './support/accounts';
import type { TestAccount } from './support/accounts';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/** Many rounds on a server of its own (the second CI pass); fewer on the embedded one. */
const RACE_ROUNDS = process.env.DATABASE_URL ? 200 : 40;

describe('Refresh-token families', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const refresh = (refreshToken: string) => t.http().post('/api/v1/auth/refresh').send({ refreshToken });
  const logout = (refreshToken: string) => t.http().post('/api/v1/auth/logout').send({ refreshToken });

  /** The stored state of one token, by the token itself. */
  async function stored(refreshToken: string) {
    const rows: Array<{ family_id: string; used_at: Date | null; replaced_by_id: string | null }> =
      await t.app
        .get(DataSource)
        .query('SELECT family_id, used_at, replaced_by_id FROM refresh_tokens WHERE token_hash = $1', [
          hashRefreshToken(refreshToken),
        ]);
    return rows[0];
  }

  it('expire with their family: refused with a 401 once expires_at has passed', async () => {
    const account = await signUp(t);
    const expireIn = (refreshToken: string, interval: string) =>
      t.app
        .get(DataSource)
        .query(`UPDATE refresh_tokens SET expires_at = now() + $2::interval WHERE token_hash = $1`, [
          hashRefreshToken(refreshToken),
          interval,
        ]);
    const { refreshToken } = await signIn(t, { email: account.email, password: account.password });
    // Close to its end but not past it, the token still works.
    await expireIn(refreshToken, '1 minute');
    const rotated = await refresh(refreshToken).expect(200);
    const next: string = rotated.body.data.refreshToken;
    await expireIn(next, '-1 second');
    const res = await refresh(next).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('leave no token alive when logout races a refresh', async () => {
    const account = await signUp(t);
    for (let round = 0; round < RACE_ROUNDS; round += 1) {
      const { refreshToken } = await signIn(t, { email: account.email, password: account.password });
      const [refreshed, loggedOut] = await Promise.all([refresh(refreshToken), logout(refreshToken)]);
      expect(loggedOut.status).toBe(204);
      expect([200, 401]).toContain(refreshed.status);
      if (refreshed.status === 200) {
        const survivor = await refresh(refreshed.body.data.refreshToken as string);
        expect({ round, status: survivor.status }).toEqual({ round, status: 401 });
      }
    }
  });

  describe('within the reuse grace', () => {
    let account: TestAccount;

    beforeEach(async () => {
      account = await signUp(t);
    });

    it('give a second tab refreshing with the same token a pair of the same family', async () => {
      const first = await refresh(account.refreshToken).expect(200);
      const second = await refresh(account.refreshToken).expect(200);
      const [winner, loser] = [
        first.body.data.refreshToken as string,
        second.body.data.refreshToken as string,
      ];
      expect(loser).not.toBe(winner);
      expect((await stored(loser)).family_id).toBe((await stored(account.refreshToken)).family_id);
      // Both tabs stay signed in, and signing out in one signs out the other.
      await refresh(winner).expect(200);
      await logout(loser).expect(204);
      await refresh(winner).expect(401);
    });

    it('rotate a token exactly once when several refreshes with it run at once', async () => {
      const responses = await Promise.all(Array.from({ length: 8 }, () => refresh(account.refreshToken)));
      expect(responses.map((res) => res.status)).toEqual(Array(8).fill(200));
      const issued = responses.map((res) => res.body.data.refreshToken as string);
      expect(new Set(issued).size).toBe(8);
      const original = await stored(account.refreshToken);
      const rows: Array<{ count: string; used: string }> = await t.app
        .get(DataSource)
        .query('SELECT count(*) AS count, count(used_at) AS used FROM refresh_tokens WHERE family_id = $1', [
          original.family_id,
        ]);
      // The login's token and the eight issued; only the login's was used, replaced by one of them.
      expect(rows[0]).toEqual({ count: '9', used: '1' });
      const replacements = await Promise.all(issued.map((token) => stored(token)));
      expect(replacements.filter((row) => row.used_at === null)).toHaveLength(8);
      expect(original.replaced_by_id).not.toBeNull();
    });
  });
});

describe('Refresh-token reuse with the grace turned off', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { JWT_REFRESH_REUSE_GRACE: '0' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('revokes the family at the first presentation of a rotated token', async () => {
    const account = await signUp(t);
    const rotated = await t
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: account.refreshToken })
      .expect(200);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }).expect(401);
    await t
      .http()
      .post('/api/v1/auth/refresh')
      .send({ refreshToken: rotated.body.data.refreshToken })
      .expect(401);
  });
});
