import { Check, Column, Entity, Index } from 'typeorm';
import { ROLES } from '../auth/auth-user';
import type { Role } from '../auth/auth-user';
import { BaseEntity } from '../../database/base.entity';

/** Index and constraint names the service matches unique violations against. */
export const USERS_EMAIL_UNIQUE = 'UQ_users_email';
export const USERS_USERNAME_UNIQUE = 'UQ_users_username_lower';

@Entity('users')
@Check('CHK_users_email_lower_case', `"email" = lower("email")`)
@Check('CHK_users_pending_email_lower_case', `"pending_email" = lower("pending_email")`)
// A unique index on lower(username): TypeORM cannot express it, so the migration creates it and
// synchronize: false keeps the drift check from dropping it.
@Index(USERS_USERNAME_UNIQUE, { synchronize: false })
// Keyset pagination of the admin list: newest first, id breaks ties.
@Index('IX_users_created_at_id', ['createdAt', 'id'])
export class User extends BaseEntity {
  @Index(USERS_EMAIL_UNIQUE, { unique: true })
  @Column({ type: 'varchar', length: 255 })
  email: string;

  @Column({ type: 'varchar', length: 50 })
  username: string;

  /** argon2id, PHC string. Never selected unless a query asks for it. */
  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'enum', enum: ROLES, enumName: 'users_role', default: 'user' })
  role: Role;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  /**
   * Bumped by a password change or a deactivation. Access and refresh tokens carry the version
   * they were issued under, and stop working once it moves on.
   */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  /** When the address in `email` was confirmed through a mailed link; null until then. */
  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null;

  /** An address the user asked to move to: it replaces `email` once its confirmation link is used. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  pendingEmail: string | null;
}
