import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

/**
 * One sign-in: the state every refresh token of the family shares. Rotation locks this row and
 * checks `revokedAt` under the lock; logout and reuse detection revoke by updating it under the
 * same lock, so a token being issued concurrently cannot escape the revocation.
 */
@Entity('refresh_token_families')
export class RefreshTokenFamily extends BaseEntity {
  // By table name: the auth module does not import the users module's entity.
  @ForeignKey('users', { name: 'FK_refresh_token_families_user_id', onDelete: 'CASCADE' })
  @Index('IX_refresh_token_families_user_id')
  @Column({ type: 'uuid' })
  userId: string;

  /** Set at logout or when reuse is detected: every token of the family stops working. */
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
