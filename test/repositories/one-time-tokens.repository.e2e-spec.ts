import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/database/database';
import { OneTimeTokensRepository } from '../../src/modules/accounts/one-time-tokens.repository';
import type { NewOneTimeToken } from '../../src/modules/accounts/one-time-tokens.repository';
import { UsersRepository } from '../../src/modules/users/users.repository';
import { openRepositoryDatabase } from '../support/repository-database';
import type { RepositoryDatabase } from '../support/repository-database';

const LATER = new Date('2099-01-01T00:00:00Z');
const EARLIER = new Date('2001-01-01T00:00:00Z');

describe(OneTimeTokensRepository.name, () => {
  const tokens = new OneTimeTokensRepository();
  let database: RepositoryDatabase;
  let pool: Db;

  async function newUser(): Promise<string> {
    const name = `u${randomBytes(4).toString('hex')}`;
    const user = await new UsersRepository().insert(pool, {
      email: `${name}@example.com`,
      username: name,
      passwordHash: 'not a real hash',
    });
    return user.id;
  }

  function tokenFor(userId: string, overrides: Partial<NewOneTimeToken> = {}): NewOneTimeToken {
    return {
      tokenHash: randomBytes(32).toString('hex'),
      userId,
      purpose: 'password-reset',
      email: 'ada@example.com',
      tokenVersion: 3,
      expiresAt: LATER,
      ...overrides,
    };
  }

  beforeAll(async () => {
    database = await openRepositoryDatabase();
    pool = database.db.pool;
  });

  afterAll(async () => {
    await database.close();
  });

  it('consumes a token once, returning what it was issued for', async () => {
    const values = tokenFor(await newUser());
    await tokens.insert(pool, values);
    const first = await database.db.transaction((tx) =>
      tokens.consume(tx, values.tokenHash, 'password-reset'),
    );
    expect(first).toEqual({ userId: values.userId, email: 'ada@example.com', tokenVersion: 3 });
    await expect(
      database.db.transaction((tx) => tokens.consume(tx, values.tokenHash, 'password-reset')),
    ).resolves.toBeNull();
  });

  it('lets exactly one of several concurrent uses of one token win', async () => {
    const values = tokenFor(await newUser());
    await tokens.insert(pool, values);
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () =>
        database.db.transaction((tx) => tokens.consume(tx, values.tokenHash, 'password-reset')),
      ),
    );
    expect(attempts.filter((attempt) => attempt !== null)).toHaveLength(1);
  });

  it('does not consume an expired token', async () => {
    const values = tokenFor(await newUser(), { expiresAt: EARLIER });
    await tokens.insert(pool, values);
    await expect(
      database.db.transaction((tx) => tokens.consume(tx, values.tokenHash, 'password-reset')),
    ).resolves.toBeNull();
  });

  it('does not consume a token for another purpose, and leaves it usable for its own', async () => {
    const values = tokenFor(await newUser(), { purpose: 'email-verify' });
    await tokens.insert(pool, values);
    await expect(
      database.db.transaction((tx) => tokens.consume(tx, values.tokenHash, 'password-reset')),
    ).resolves.toBeNull();
    await expect(
      database.db.transaction((tx) => tokens.consume(tx, values.tokenHash, 'email-verify')),
    ).resolves.not.toBeNull();
  });

  it('keeps a token unused when the transaction that consumed it rolls back', async () => {
    const values = tokenFor(await newUser());
    await tokens.insert(pool, values);
    await expect(
      database.db.transaction(async (tx) => {
        await tokens.consume(tx, values.tokenHash, 'password-reset');
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await expect(tokens.findUsable(pool, values.tokenHash, 'password-reset')).resolves.toMatchObject({
      userId: values.userId,
    });
  });

  it('finds only unused, unexpired tokens of the purpose asked for', async () => {
    const userId = await newUser();
    const usable = tokenFor(userId);
    const expired = tokenFor(userId, { purpose: 'email-change', expiresAt: EARLIER });
    await tokens.insert(pool, usable);
    await tokens.insert(pool, expired);
    await expect(tokens.findUsable(pool, usable.tokenHash, 'password-reset')).resolves.not.toBeNull();
    await expect(tokens.findUsable(pool, usable.tokenHash, 'email-verify')).resolves.toBeNull();
    await expect(tokens.findUsable(pool, expired.tokenHash, 'email-change')).resolves.toBeNull();
  });

  it('voids the unused tokens of one user and purpose only', async () => {
    const [userId, otherUser] = [await newUser(), await newUser()];
    const reset = tokenFor(userId);
    const verify = tokenFor(userId, { purpose: 'email-verify' });
    const othersReset = tokenFor(otherUser);
    for (const values of [reset, verify, othersReset]) {
      await tokens.insert(pool, values);
    }
    await expect(
      database.db.transaction((tx) => tokens.voidUnused(tx, userId, 'password-reset')),
    ).resolves.toBe(1);
    await expect(tokens.findUsable(pool, reset.tokenHash, 'password-reset')).resolves.toBeNull();
    await expect(tokens.findUsable(pool, verify.tokenHash, 'email-verify')).resolves.not.toBeNull();
    await expect(tokens.findUsable(pool, othersReset.tokenHash, 'password-reset')).resolves.not.toBeNull();
  });

  it('refuses a second unused token of one user and purpose (the newer must void the older)', async () => {
    const userId = await newUser();
    await tokens.insert(pool, tokenFor(userId));
    await expect(tokens.insert(pool, tokenFor(userId))).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'UQ_one_time_tokens_live_user_purpose' },
    });
  });

  it('deletes spent tokens (used, voided or expired) and keeps the usable ones', async () => {
    const userId = await newUser();
    const used = tokenFor(userId, { purpose: 'email-verify' });
    const expired = tokenFor(userId, { purpose: 'email-change', expiresAt: EARLIER });
    const usable = tokenFor(userId);
    for (const values of [used, expired, usable]) {
      await tokens.insert(pool, values);
    }
    await database.db.transaction((tx) => tokens.consume(tx, used.tokenHash, 'email-verify'));
    await expect(tokens.deleteSpent(pool)).resolves.toBeGreaterThanOrEqual(2);
    const left = await pool.query<{ token_hash: string }[]>(
      'SELECT token_hash FROM one_time_tokens WHERE user_id = $1',
      [userId],
    );
    expect(left.map((row) => row.token_hash)).toEqual([usable.tokenHash]);
  });
});
