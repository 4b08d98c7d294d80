import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Db, Transaction } from '../../database/database';
import { RefreshTokenFamily } from './refresh-token-family.entity';
import { RefreshToken } from './refresh-token.entity';

export type NewRefreshToken = Pick<
  RefreshToken,
  'tokenHash' | 'familyId' | 'userId' | 'tokenVersion' | 'expiresAt'
>;

/**
 * TypeORM queries on `refresh_tokens` and `refresh_token_families`, nothing else. Every method
 * takes where to run (`Db`) first; reads return the entities.
 */
@Injectable()
export class RefreshTokensRepository {
  async insertFamily(db: Db, userId: string): Promise<RefreshTokenFamily> {
    const families = db.getRepository(RefreshTokenFamily);
    const family = families.create({ userId, revokedAt: null });
    await families.insert(family);
    return family;
  }

  async insert(db: Db, values: NewRefreshToken): Promise<RefreshToken> {
    const tokens = db.getRepository(RefreshToken);
    const token = tokens.create({ ...values, usedAt: null, replacedById: null });
    await tokens.insert(token);
    return token;
  }

  /**
   * The family, locked for this transaction, waiting for whoever holds it (a concurrent refresh or
   * revocation of the same family). Everything that changes a family's tokens holds this lock.
   */
  lockFamily(tx: Transaction, familyId: string): Promise<RefreshTokenFamily | null> {
    return tx
      .createQueryBuilder(RefreshTokenFamily, 'f')
      .where('f.id = :familyId', { familyId })
      .setLock('pessimistic_write')
      .getOne();
  }

  findByHash(db: Db, tokenHash: string): Promise<RefreshToken | null> {
    return db.getRepository(RefreshToken).findOneBy({ tokenHash });
  }

  async markUsed(tx: Transaction, id: string, replacedById: string, usedAt: Date): Promise<void> {
    await tx.getRepository(RefreshToken).update({ id }, { usedAt, replacedById });
  }

  /**
   * Revokes the family. The UPDATE locks the family row, so it waits for a refresh that holds it;
   * a token that refresh issued belongs to the family and is revoked with it.
   */
  async revokeFamily(db: Db, familyId: string): Promise<void> {
    await db
      .getRepository(RefreshTokenFamily)
      .update({ id: familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }
}
