import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/database/database';
import { UsersRepository } from '../../src/modules/users/users.repository';
import { openRepositoryDatabase } from '../support/repository-database';
import type { RepositoryDatabase } from '../support/repository-database';

/** The conditional writes of the account flows on `users`: each applies only while its condition holds. */
describe(`${UsersRepository.name}: account-flow writes`, () => {
  const users = new UsersRepository();
  let database: RepositoryDatabase;
  let pool: Db;

  async function newUser(overrides: { pendingEmail?: string } = {}) {
    const name = `u${randomBytes(4).toString('hex')}`;
    const user = await users.insert(pool, {
      email: `${name}@example.com`,
      username: name,
      passwordHash: 'old hash',
    });
    if (overrides.pendingEmail) {
      await users.update(pool, user.id, { pendingEmail: overrides.pendingEmail });
    }
    return user;
  }

  beforeAll(async () => {
    database = await openRepositoryDatabase();
    pool = database.db.pool;
  });

  afterAll(async () => {
    await database.close();
  });

  it('leaves a new account unverified, with no pending email, in the row and in the entity it returns', async () => {
    const user = await newUser();
    expect(user).toMatchObject({ emailVerifiedAt: null, pendingEmail: null });
    await expect(users.findById(pool, user.id)).resolves.toMatchObject({
      emailVerifiedAt: null,
      pendingEmail: null,
    });
  });

  it('marks the address verified only while it is still the user’s', async () => {
    const user = await newUser();
    await expect(
      database.db.transaction((tx) => users.markEmailVerified(tx, user.id, 'other@example.com')),
    ).resolves.toBe(false);
    await expect(
      database.db.transaction((tx) => users.markEmailVerified(tx, user.id, user.email)),
    ).resolves.toBe(true);
    const verified = await users.findById(pool, user.id);
    expect(verified?.emailVerifiedAt).toBeInstanceOf(Date);
  });

  it('keeps the first verification moment when verified again', async () => {
    const user = await newUser();
    await database.db.transaction((tx) => users.markEmailVerified(tx, user.id, user.email));
    const first = (await users.findById(pool, user.id))?.emailVerifiedAt;
    await database.db.transaction((tx) => users.markEmailVerified(tx, user.id, user.email));
    await expect(users.findById(pool, user.id)).resolves.toMatchObject({ emailVerifiedAt: first });
  });

  it('applies a pending email, verified, and clears it', async () => {
    const user = await newUser({ pendingEmail: 'moved@example.com' });
    await expect(
      database.db.transaction((tx) => users.applyPendingEmail(tx, user.id, 'moved@example.com')),
    ).resolves.toBe(true);
    const moved = await users.findById(pool, user.id);
    expect(moved).toMatchObject({ email: 'moved@example.com', pendingEmail: null });
    expect(moved?.emailVerifiedAt).toBeInstanceOf(Date);
  });

  it('does not apply an address that is no longer the pending one', async () => {
    const user = await newUser({ pendingEmail: 'newer@example.com' });
    await expect(
      database.db.transaction((tx) => users.applyPendingEmail(tx, user.id, 'older@example.com')),
    ).resolves.toBe(false);
    await expect(users.findById(pool, user.id)).resolves.toMatchObject({ email: user.email });
  });

  it('lets one of two accounts moving to one address at once win; the other fails on the unique index', async () => {
    const address = `race-${randomBytes(4).toString('hex')}@example.com`;
    const [first, second] = [
      await newUser({ pendingEmail: address }),
      await newUser({ pendingEmail: address }),
    ];
    const outcomes = await Promise.allSettled([
      database.db.transaction((tx) => users.applyPendingEmail(tx, first.id, address)),
      database.db.transaction((tx) => users.applyPendingEmail(tx, second.id, address)),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
      reason: { driverError: { code: '23505', constraint: 'UQ_users_email' } },
    });
  });

  it('replaces the password and moves the token version on, only from the version given', async () => {
    const user = await newUser();
    await expect(
      database.db.transaction((tx) => users.replacePassword(tx, user.id, 1, 'new hash')),
    ).resolves.toBe(false);
    await expect(
      database.db.transaction((tx) => users.replacePassword(tx, user.id, 0, 'new hash')),
    ).resolves.toBe(true);
    await expect(users.findWithPasswordById(pool, user.id)).resolves.toMatchObject({
      passwordHash: 'new hash',
      tokenVersion: 1,
    });
    await expect(
      database.db.transaction((tx) => users.replacePassword(tx, user.id, 0, 'another')),
    ).resolves.toBe(false);
  });

  it('changes nothing of a deactivated account', async () => {
    const user = await newUser({ pendingEmail: 'gone@example.com' });
    await users.update(pool, user.id, { isActive: false });
    await database.db.transaction(async (tx) => {
      await expect(users.replacePassword(tx, user.id, 0, 'new hash')).resolves.toBe(false);
      await expect(users.markEmailVerified(tx, user.id, user.email)).resolves.toBe(false);
      await expect(users.applyPendingEmail(tx, user.id, 'gone@example.com')).resolves.toBe(false);
    });
  });
});
