import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/database/database';
import { UsersRepository } from '../../src/modules/users/users.repository';
import type { NewUser } from '../../src/modules/users/users.repository';
import { LOCK_NOT_AVAILABLE, openRepositoryDatabase } from '../support/repository-database';
import type { RepositoryDatabase } from '../support/repository-database';

describe(UsersRepository.name, () => {
  const users = new UsersRepository();
  let database: RepositoryDatabase;
  let pool: Db;
  let counter = 0;

  function newUser(overrides: Partial<NewUser> = {}): NewUser {
    counter += 1;
    return {
      email: `user${counter}@example.com`,
      username: `user${counter}`,
      passwordHash: `hash-${counter}`,
      ...overrides,
    };
  }

  /** Walks every page of `size` rows, the way the service does (`take` one more than it shows). */
  async function walk(size: number): Promise<string[]> {
    const seen: string[] = [];
    let after: { createdAtKey: string; id: string } | undefined;
    for (;;) {
      const rows = await users.list(pool, after, size + 1);
      const page = rows.slice(0, size);
      seen.push(...page.map((row) => row.user.id));
      if (rows.length <= size || seen.length > 100) {
        return seen;
      }
      const last = page[page.length - 1];
      after = { createdAtKey: last.createdAtKey, id: last.user.id };
    }
  }

  /** Another transaction's attempt to take a row lock without waiting. */
  function tryLock(id: string): Promise<unknown> {
    return database.db.transaction((other) =>
      other.query('SELECT id FROM users WHERE id = $1 FOR UPDATE NOWAIT', [id]),
    );
  }

  beforeAll(async () => {
    database = await openRepositoryDatabase();
    pool = database.db.pool;
  });

  afterAll(async () => {
    await database.close();
  });

  beforeEach(async () => {
    await pool.query('DELETE FROM users');
  });

  it('inserts with the column defaults filled in, and never selects the hash unless asked', async () => {
    const inserted = await users.insert(pool, newUser());
    expect(inserted).toMatchObject({ role: 'user', isActive: true, tokenVersion: 0 });
    const found = await users.findById(pool, inserted.id);
    expect(found?.passwordHash).toBeUndefined();
    await expect(users.findWithPasswordById(pool, inserted.id)).resolves.toMatchObject({
      passwordHash: inserted.passwordHash,
    });
  });

  it('inserts if absent: true the first time, false on a conflict', async () => {
    const values = newUser();
    await expect(users.insertIfAbsent(pool, values)).resolves.toBe(true);
    await expect(users.insertIfAbsent(pool, { ...values, username: 'someone-else' })).resolves.toBe(false);
  });

  it('finds a username whatever its letter case', async () => {
    const inserted = await users.insert(pool, newUser({ username: 'Ada.Lovelace' }));
    await expect(users.findWithPasswordByUsername(pool, 'ada.LOVELACE')).resolves.toMatchObject({
      id: inserted.id,
    });
  });

  it('moves the token version on only when asked to revoke tokens', async () => {
    const { id } = await users.insert(pool, newUser());
    await users.update(pool, id, { username: 'renamed' });
    await expect(users.findAuthState(pool, id)).resolves.toEqual({
      id,
      role: 'user',
      isActive: true,
      tokenVersion: 0,
    });
    await expect(users.update(pool, id, { isActive: false }, { revokeTokens: true })).resolves.toBe(true);
    await expect(users.findAuthState(pool, id)).resolves.toMatchObject({ isActive: false, tokenVersion: 1 });
    await expect(users.update(pool, randomUUID(), { username: 'nobody' })).resolves.toBe(false);
  });

  describe('lockPasswordHash', () => {
    it('returns the current hash and holds the row until the transaction ends', async () => {
      const inserted = await users.insert(pool, newUser());
      await database.db.transaction(async (tx) => {
        await expect(users.lockPasswordHash(tx, inserted.id)).resolves.toBe(inserted.passwordHash);
        await expect(tryLock(inserted.id)).rejects.toMatchObject({
          driverError: { code: LOCK_NOT_AVAILABLE },
        });
      });
      await expect(tryLock(inserted.id)).resolves.toBeDefined();
    });

    it('is null for an unknown user', async () => {
      await expect(
        database.db.transaction((tx) => users.lockPasswordHash(tx, randomUUID())),
      ).resolves.toBeNull();
    });
  });

  describe('lockActiveAdminIds', () => {
    it('returns the active admins only, in id order, and locks their rows', async () => {
      const admins = [
        await users.insert(pool, newUser({ role: 'admin' })),
        await users.insert(pool, newUser({ role: 'admin' })),
      ];
      const retired = await users.insert(pool, newUser({ role: 'admin' }));
      await users.update(pool, retired.id, { isActive: false });
      const plain = await users.insert(pool, newUser());
      await database.db.transaction(async (tx) => {
        await expect(users.lockActiveAdminIds(tx)).resolves.toEqual(admins.map((admin) => admin.id).sort());
        await expect(tryLock(admins[0].id)).rejects.toMatchObject({
          driverError: { code: LOCK_NOT_AVAILABLE },
        });
        await expect(tryLock(plain.id)).resolves.toBeDefined();
      });
    });
  });

  describe('list', () => {
    it('pages through users created in the same instant without a skip or a repeat, ties by id', async () => {
      // One transaction: now() is the same for every row, so all five share one created_at.
      const ids = await database.db.transaction(async (tx) => {
        const created: string[] = [];
        for (let i = 0; i < 5; i += 1) {
          created.push((await users.insert(tx, newUser())).id);
        }
        return created;
      });
      const expected = [...ids].sort().reverse();
      await expect(walk(2)).resolves.toEqual(expected);
      await expect(walk(1)).resolves.toEqual(expected);
    });

    it('keys each row to the microsecond, so users a microsecond apart are neither lost nor repeated', async () => {
      const times = [
        '2026-03-01T10:00:00.123457Z',
        '2026-03-01T10:00:00.123456Z',
        '2026-03-01T10:00:00.123455Z',
      ];
      const ids: string[] = [];
      for (const at of times) {
        const { id } = await users.insert(pool, newUser());
        await pool.query('UPDATE users SET created_at = $2::timestamptz WHERE id = $1', [id, at]);
        ids.push(id);
      }
      const rows = await users.list(pool, undefined, 3);
      expect(rows.map((row) => row.createdAtKey)).toEqual(times);
      await expect(walk(1)).resolves.toEqual(ids);
    });

    it('returns nothing after the last user', async () => {
      await users.insert(pool, newUser());
      const [last] = await users.list(pool, undefined, 1);
      await expect(
        users.list(pool, { createdAtKey: last.createdAtKey, id: last.user.id }, 10),
      ).resolves.toEqual([]);
    });
  });
});
