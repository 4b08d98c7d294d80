import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import { BaseEntity } from '../../database/base.entity';

/** What a one-time token may be used for: one purpose each, never another. */
export const TOKEN_PURPOSES = ['email-verify', 'password-reset', 'email-change'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/** Index names the service matches unique violations against. */
export const ONE_TIME_TOKENS_HASH_UNIQUE = 'UQ_one_time_tokens_token_hash';
export const ONE_TIME_TOKENS_LIVE_UNIQUE = 'UQ_one_time_tokens_live_user_purpose';

/**
 * A token mailed in a link (verification, password reset, email change), stored only as the
 * SHA-256 of its 256 random bits. Used at most once; a newer one for the same user and purpose
 * voids it (at most one is live: the partial unique index says so even under concurrent issues).
 */
@Entity('one_time_tokens')
@Check('CHK_one_time_tokens_purpose', `"purpose" IN ('email-verify', 'password-reset', 'email-change')`)
@Index(ONE_TIME_TOKENS_LIVE_UNIQUE, ['userId', 'purpose'], { unique: true, where: '"used_at" IS NULL' })
// The daily purge finds expired tokens through it.
@Index('IX_one_time_tokens_expires_at', ['expiresAt'])
export class OneTimeToken extends BaseEntity {
  @Index(ONE_TIME_TOKENS_HASH_UNIQUE, { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  // By table name: the accounts module does not import the users module's entity.
  @ForeignKey('users', { name: 'FK_one_time_tokens_user_id', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 20 })
  purpose: TokenPurpose;

  /** The address the token was mailed to: the one being verified, or the new one of a change. */
  @Column({ type: 'varchar', length: 255 })
  email: string;

  /** The user's token version at issue: a password change since voids a reset token. */
  @Column({ type: 'integer' })
  tokenVersion: number;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** Set when used, or when a newer token of the same user and purpose voided it. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
