import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import type { Db, Transaction } from '../../database/database';
import { parseRows } from '../../database/raw-rows';
import { OneTimeToken } from './one-time-token.entity';
import type { TokenPurpose } from './one-time-token.entity';

export type NewOneTimeToken = Pick<
  OneTimeToken,
  'tokenHash' | 'userId' | 'purpose' | 'email' | 'tokenVersion' | 'expiresAt'
>;

/** What a consumed token was issued for. */
export interface ConsumedToken {
  userId: string;
  email: string;
  tokenVersion: number;
}

/** TypeORM queries on `one_time_tokens`, nothing else. Every method takes where to run first. */
@Injectable()
export class OneTimeTokensRepository {
  async insert(db: Db, values: NewOneTimeToken): Promise<OneTimeToken> {
    const tokens = db.getRepository(OneTimeToken);
    const token = tokens.create({ ...values, usedAt: null });
    await tokens.insert(token);
    return token;
  }

  /** Marks the user's unused tokens of this purpose used: their links stop working. */
  async voidUnused(tx: Transaction, userId: string, purpose: TokenPurpose): Promise<number> {
    const result = await tx
      .getRepository(OneTimeToken)
      .update({ userId, purpose, usedAt: IsNull() }, { usedAt: () => 'now()' });
    return result.affected ?? 0;
  }

  /** The token if it is unused and unexpired, without using it. */
  findUsable(db: Db, tokenHash: string, purpose: TokenPurpose): Promise<OneTimeToken | null> {
    return db.getRepository(OneTimeToken).findOneBy({
      tokenHash,
      purpose,
      usedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
  }

  /**
   * Uses the token in one conditional statement: it matches only while the token is unused and
   * unexpired, and the row lock makes a concurrent use wait and then match nothing. So of several
   * uses at once exactly one gets the token back; the others get null.
   */
  async consume(tx: Transaction, tokenHash: string, purpose: TokenPurpose): Promise<ConsumedToken | null> {
    const result = await tx
      .createQueryBuilder()
      .update(OneTimeToken)
      .set({ usedAt: () => 'now()' })
      .where('token_hash = :tokenHash AND purpose = :purpose', { tokenHash, purpose })
      .andWhere('used_at IS NULL AND expires_at > now()')
      .returning(['userId', 'email', 'tokenVersion'])
      .execute();
    const [row] = parseRows(
      'oneTimeTokens.consume',
      { user_id: 'string', email: 'string', token_version: 'integer' },
      result.raw,
    );
    return row ? { userId: row.user_id, email: row.email, tokenVersion: row.token_version } : null;
  }

  /** Deletes the tokens that can no longer be used (expired, used or voided); returns how many. */
  async deleteSpent(db: Db): Promise<number> {
    const result = await db
      .createQueryBuilder()
      .delete()
      .from(OneTimeToken)
      .where('expires_at <= now() OR used_at IS NOT NULL')
      .execute();
    return result.affected ?? 0;
  }
}
