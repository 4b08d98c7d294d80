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
   * Deletes up to `limit` sign-ins whose every token has expired (their tokens go with them, by the
   * foreign key's cascade), and says how many. Tokens of a family share its expiry, so a family
   * with one unexpired token, used ones kept for reuse detection included, is left whole.
   */
  async deleteExpiredFamilies(db: Db, limit: number): Promise<number> {
    const expired = db
      .createQueryBuilder(RefreshTokenFamily, 'f')
      .select('f.id')
      .where((query) => {
        const live = query
          .subQuery()
          .select('1')
          .from(RefreshToken, 't')
          .where('t.familyId = f.id')
          .andWhere('t.expiresAt > now()')
          .getQuery();
        return `NOT EXISTS ${live}`;
      })
      .limit(limit);
    const result = await db
      .createQueryBuilder()
      .delete()
      .from(RefreshTokenFamily)
      .where(`id IN (${expired.getQuery()})`)
      .setParameters(expired.getParameters())
      .execute();
    return result.affected ?? 0;
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
