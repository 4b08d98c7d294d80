import { Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

/**
 * One refresh token, stored only as its SHA-256 hash. Every login starts a family
 * (`RefreshTokenFamily`, which holds whether it is revoked); each refresh marks its token used and
 * adds the next one to the same family, which expires with the family (`JWT_REFRESH_TTL` after the
 * login). Presenting a used token again, after the reuse grace, revokes the family.
 */
@Entity('refresh_tokens')
export class RefreshToken extends BaseEntity {
  @Index('UQ_refresh_tokens_token_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @ForeignKey('refresh_token_families', { name: 'FK_refresh_tokens_family_id', onDelete: 'CASCADE' })
  @Index('IX_refresh_tokens_family_id')
  @Column({ type: 'uuid' })
  familyId: string;

  // By table name: the auth module does not import the users module's entity.
  @ForeignKey('users', { name: 'FK_refresh_tokens_user_id', onDelete: 'CASCADE' })
  @Index('IX_refresh_tokens_user_id')
  @Column({ type: 'uuid' })
  userId: string;

  /** The user's token version when the family began; a password change or deactivation moves it on. */
  @Column({ type: 'integer' })
  tokenVersion: number;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** Set when the token was exchanged for the next one. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  replacedById: string | null;
}
