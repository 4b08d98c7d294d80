import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import type { EntityManager } from 'typeorm';
import { RefreshTokenFamily } from './refresh-token-family.entity';
import { RefreshToken } from './refresh-token.entity';

export type NewRefreshToken = Pick<
  RefreshToken,
  'tokenHash' | 'familyId' | 'userId' | 'tokenVersion' | 'expiresAt'
>;

/**
 * TypeORM queries on `refresh_tokens` and `refresh_token_families`, nothing else; every method
 * takes the caller's transaction if any.
 */
@Injectable()
export class RefreshTokensRepository {
  constructor(
    @InjectRepository(RefreshToken) private readonly tokens: Repository<RefreshToken>,
    @InjectRepository(RefreshTokenFamily) private readonly families: Repository<RefreshTokenFamily>,
  ) {}

  async insertFamily(userId: string, manager?: EntityManager): Promise<RefreshTokenFamily> {
    const families = manager ? manager.getRepository(RefreshTokenFamily) : this.families;
    const family = families.create({ userId, revokedAt: null });
    await families.insert(family);
    return family;
  }

  async insert(values: NewRefreshToken, manager?: EntityManager): Promise<RefreshToken> {
    const repository = this.repository(manager);
    const token = repository.create({ ...values, usedAt: null, replacedById: null });
    await repository.insert(token);
    return token;
  }

  /**
   * The family, locked for this transaction, waiting for whoever holds it (a concurrent refresh or
   * revocation of the same family). Everything that changes a family's tokens holds this lock.
   */
  lockFamily(familyId: string, manager: EntityManager): Promise<RefreshTokenFamily | null> {
    return manager
      .getRepository(RefreshTokenFamily)
      .createQueryBuilder('f')
      .where('f.id = :familyId', { familyId })
      .setLock('pessimistic_write')
      .getOne();
  }

  findByHash(tokenHash: string, manager?: EntityManager): Promise<RefreshToken | null> {
    return this.repository(manager).findOneBy({ tokenHash });
  }

  async markUsed(id: string, replacedById: string, usedAt: Date, manager: EntityManager): Promise<void> {
    await manager.getRepository(RefreshToken).update({ id }, { usedAt, replacedById });
  }

  /**
   * Revokes the family. The UPDATE locks the family row, so it waits for a refresh that holds it;
   * a token that refresh issued belongs to the family and is revoked with it.
   */
  async revokeFamily(familyId: string, manager?: EntityManager): Promise<void> {
    const families = manager ? manager.getRepository(RefreshTokenFamily) : this.families;
    await families.update({ id: familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  private repository(manager?: EntityManager): Repository<RefreshToken> {
    return manager ? manager.getRepository(RefreshToken) : this.tokens;
  }
}
