import { randomBytes } from 'node:crypto';
import { REFRESH_TOKEN_PURGE_QUEUE } from '../src/modules/auth/refresh-token-purge';
import { signUp } from './support/accounts';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';
import { runJob, sqlOn } from './support/test-jobs.module';

/** The nightly job of the auth module, run through the real queue on the real tables. */
describe('The refresh-token purge', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const sql = <T = Array<Record<string, unknown>>>(text: string, parameters: unknown[] = []) =>
    sqlOn(t.app)<T>(text, parameters);

  /** A sign-in of `userId` whose tokens expire at `expiresAt`, one used (rotated) and one current. */
  const family = async (userId: string, expiresAt: string): Promise<string> => {
    const [{ id }] = await sql<Array<{ id: string }>>(
      'INSERT INTO refresh_token_families (user_id) VALUES ($1) RETURNING id',
      [userId],
    );
    for (const usedAt of ['now()', null]) {
      await sql(
        `INSERT INTO refresh_tokens (token_hash, family_id, user_id, token_version, expires_at, used_at)
         VALUES ($1, $2, $3, 0, ${expiresAt}, ${usedAt ?? 'NULL'})`,
        [randomBytes(32).toString('hex'), id, userId],
      );
    }
    return id;
  };
  const familiesLeft = async (ids: string[]) =>
    (await sql<Array<{ id: string }>>('SELECT id FROM refresh_token_families WHERE id = ANY($1)', [ids])).map(
      (row) => row.id,
    );
  const tokensOf = async (ids: string[]) =>
    (
      await sql<Array<{ n: number }>>(
        'SELECT count(*)::int AS n FROM refresh_tokens WHERE family_id = ANY($1)',
        [ids],
      )
    )[0].n;

  it('removes the sign-ins whose tokens have all expired, and only those', async () => {
    const account = await signUp(t);
    const expired = [
      await family(account.id, "now() - interval '1 day'"),
      await family(account.id, "now() - interval '1 second'"),
    ];
    const live = [
      await family(account.id, "now() + interval '1 minute'"),
      await family(account.id, "now() + interval '30 days'"),
    ];

    await runJob(t.app, REFRESH_TOKEN_PURGE_QUEUE);

    expect(await familiesLeft(expired)).toEqual([]);
    expect(await tokensOf(expired)).toBe(0);
    expect((await familiesLeft(live)).sort()).toEqual([...live].sort());
    expect(await tokensOf(live)).toBe(4);
    // The account's own sign-in still refreshes.
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: account.refreshToken }).expect(200);
  });

  it('is scheduled every night in UTC, once', async () => {
    const rows = await sql<Array<{ cron: string; timezone: string }>>(
      'SELECT cron, timezone FROM jobs.schedule WHERE name = $1',
      [REFRESH_TOKEN_PURGE_QUEUE],
    );
    expect(rows).toEqual([{ cron: '17 3 * * *', timezone: 'UTC' }]);
  });
});
