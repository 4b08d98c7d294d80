import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { RefreshToken } from './refresh-token.entity';

export type NewRefreshToken = Pick<
  RefreshToken,
  'tokenHash' | 'familyId' | 'userId' | 'tokenVersion' | 'expiresAt'
>;

/** TypeORM queries on `refresh_tokens`, nothing else; every method takes the caller's transaction if any. */
@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>) {}

  async insert(values: NewRefreshToken, manager?: EntityManager): Promise<RefreshToken> {
    const repository = this.repository(manager);
    const token = repository.create({ ...values, usedAt: null, replacedById: null, revokedAt: null });
    await repository.insert(token);
    return token;
  }

  /**
   * The token, locked for this transaction; null when it is unknown or another transaction holds
   * its lock right now (a concurrent refresh with the same token), without waiting for it.
   */
  findByHashForUpdate(tokenHash: string, manager: EntityManager): Promise<RefreshToken | null> {
    return manager
      .getRepository(RefreshToken)
      .createQueryBuilder('t')
      .where('t.tokenHash = :tokenHash', { tokenHash })
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getOne();
  }

  findByHash(tokenHash: string, manager?: EntityManager): Promise<RefreshToken | null> {
    return this.repository(manager).findOneBy({ tokenHash });
  }

  async markUsed(id: string, replacedById: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(RefreshToken).update({ id }, { usedAt: () => 'now()', replacedById });
  }

  async revokeFamily(familyId: string, manager?: EntityManager): Promise<void> {
    await this.repository(manager).update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  private repository(manager?: EntityManager): Repository<RefreshToken> {
    return manager ? manager.getRepository(RefreshToken) : this.tokens;
  }
}
