import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/database/database';
import { RefreshTokensRepository } from '../../src/modules/auth/refresh-tokens.repository';
import { UsersRepository } from '../../src/modules/users/users.repository';
import { LOCK_NOT_AVAILABLE, openRepositoryDatabase } from '../support/repository-database';
import type { RepositoryDatabase } from '../support/repository-database';

describe(RefreshTokensRepository.name, () => {
  const tokens = new RefreshTokensRepository();
  let database: RepositoryDatabase;
  let pool: Db;
  let userId: string;

  const farFuture = new Date('2099-01-01T00:00:00Z');

  function newTokenHash() {
    return randomBytes(32).toString('hex');
  }

  async function newToken(familyId: string) {
    return tokens.insert(pool, {
      tokenHash: newTokenHash(),
      familyId,
      userId,
      tokenVersion: 0,
      expiresAt: farFuture,
    });
  }

  async function newFamilyId() {
    const started = await tokens.startFamily(pool, {
      tokenHash: newTokenHash(),
      userId,
      tokenVersion: 0,
      expiresAt: farFuture,
    });
    return started.familyId;
  }

  beforeAll(async () => {
    database = await openRepositoryDatabase();
    pool = database.db.pool;
    const user = await new UsersRepository().insert(pool, {
      email: 'ada@example.com',
      username: 'ada',
      passwordHash: 'not a real hash',
    });
    userId = user.id;
  });

  afterAll(async () => {
    await database.close();
  });

  it('starts a sign-in: a new family, not revoked, with its first token, unused', async () => {
    const tokenHash = newTokenHash();
    const started = await tokens.startFamily(pool, {
      tokenHash,
      userId,
      tokenVersion: 3,
      expiresAt: farFuture,
    });
    await expect(tokens.findByHash(pool, tokenHash)).resolves.toMatchObject({
      id: started.tokenId,
      familyId: started.familyId,
      userId,
      tokenVersion: 3,
      expiresAt: farFuture,
      usedAt: null,
      replacedById: null,
    });
    await expect(
      database.db.transaction((tx) => tokens.lockFamily(tx, started.familyId)),
    ).resolves.toMatchObject({
      userId,
      revokedAt: null,
    });
  });

  it('starts no family for a user who does not exist', async () => {
    const stranger = '00000000-0000-4000-8000-000000000000';
    const families = () =>
      pool.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM refresh_token_families');
    const before = await families();
    await expect(
      tokens.startFamily(pool, {
        tokenHash: newTokenHash(),
        userId: stranger,
        tokenVersion: 0,
        expiresAt: farFuture,
      }),
    ).rejects.toMatchObject({
      driverError: { code: '23503', constraint: 'FK_refresh_token_families_user_id' },
    });
    await expect(families()).resolves.toEqual(before);
  });

  it('finds a token by its hash, unused', async () => {
    const familyId = await newFamilyId();
    const token = await newToken(familyId);
    await expect(tokens.findByHash(pool, token.tokenHash)).resolves.toMatchObject({
      id: token.id,
      familyId,
      usedAt: null,
      replacedById: null,
    });
  });

  it('locks the family until the transaction ends', async () => {
    const familyId = await newFamilyId();
    await database.db.transaction(async (tx) => {
      await expect(tokens.lockFamily(tx, familyId)).resolves.toMatchObject({
        id: familyId,
        revokedAt: null,
      });
      await expect(
        database.db.transaction((other) =>
          other.query('SELECT id FROM refresh_token_families WHERE id = $1 FOR UPDATE NOWAIT', [familyId]),
        ),
      ).rejects.toMatchObject({ driverError: { code: LOCK_NOT_AVAILABLE } });
    });
  });

  it('marks a token used and replaced', async () => {
    const familyId = await newFamilyId();
    const [used, next] = [await newToken(familyId), await newToken(familyId)];
    const at = new Date('2026-03-01T10:00:00.000Z');
    await database.db.transaction((tx) => tokens.markUsed(tx, used.id, next.id, at));
    await expect(tokens.findByHash(pool, used.tokenHash)).resolves.toMatchObject({
      usedAt: at,
      replacedById: next.id,
    });
  });

  it('revokes a family once: a second revocation keeps the first moment', async () => {
    const familyId = await newFamilyId();
    await tokens.revokeFamily(pool, familyId);
    const first = await database.db.transaction((tx) => tokens.lockFamily(tx, familyId));
    await tokens.revokeFamily(pool, familyId);
    const second = await database.db.transaction((tx) => tokens.lockFamily(tx, familyId));
    expect(first?.revokedAt).toBeInstanceOf(Date);
    expect(second?.revokedAt).toEqual(first?.revokedAt);
  });
});
