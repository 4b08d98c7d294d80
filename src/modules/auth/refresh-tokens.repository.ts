import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { Db, Transaction } from '../../database/database';
import { parseRows } from '../../database/raw-rows';
import { RefreshTokenFamily } from './refresh-token-family.entity';
import { RefreshToken } from './refresh-token.entity';

export type NewRefreshToken = Pick<
  RefreshToken,
  'tokenHash' | 'familyId' | 'userId' | 'tokenVersion' | 'expiresAt'
>;

export type FirstRefreshToken = Omit<NewRefreshToken, 'familyId'>;

export interface StartedFamily {
  familyId: string;
  tokenId: string;
}

const STARTED_FAMILY_ROW = { token_id: 'string', family_id: 'string' } as const;

/**
 * The queries on `refresh_tokens` and `refresh_token_families`, nothing else. Every method takes
 * where to run (`Db`) first; reads return the entities.
 */
@Injectable()
export class RefreshTokensRepository {
  /**
   * A new sign-in: its family and the family's first token in one statement, so it commits whole
   * without a transaction (one round trip to the database instead of four). Returns their ids.
   */
  async startFamily(db: Db, first: FirstRefreshToken): Promise<StartedFamily> {
    const rows: unknown = await db.query(
      `WITH family AS (INSERT INTO refresh_token_families (user_id) VALUES ($1::uuid) RETURNING id)
       INSERT INTO refresh_tokens (token_hash, family_id, user_id, token_version, expires_at)
       SELECT $2, family.id, $1::uuid, $3::integer, $4::timestamptz FROM family
       RETURNING id AS token_id, family_id`,
      [first.userId, first.tokenHash, first.tokenVersion, first.expiresAt],
    );
    // An INSERT … RETURNING answers one row or fails.
    const [row] = parseRows('refreshTokens.startFamily', STARTED_FAMILY_ROW, rows);
    return { familyId: row.family_id, tokenId: row.token_id };
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
