import { Injectable } from '@nestjs/common';
import { ResourceCache } from '../../common/cache/resource-cache';
import { Database } from '../../database/database';
import type { Db, Transaction } from '../../database/database';
import { normalizeEmail } from './dto/user-fields';
import { PasswordHasher } from './password-hasher';
import { assertGuessResistant } from './user-passwords';
import { authStateCacheKey, toConflict } from './user-keys';
import type { User } from './user.entity';
import { UserNotFoundError } from './users.errors';
import { UsersRepository } from './users.repository';

export { USER_JOBS } from './user-jobs';
export type { EmailChangeRequestedJob, RegisteredJob } from './user-jobs';
export { EmailTakenError } from './users.errors';

/** What the account flows need to know of a user to mail it and check a link. */
export interface AccountContact {
  id: string;
  email: string;
  username: string;
  isActive: boolean;
  emailVerified: boolean;
  pendingEmail: string | null;
  tokenVersion: number;
}

/**
 * What the account flows (verification, password reset, email change) may do to a user row, each
 * write in the caller's transaction so that it commits with the token it consumes and the mail it
 * queues. The rules stay here: which address is verified, when an email change still applies,
 * what makes a password acceptable, and that a reset signs the user out everywhere.
 */
@Injectable()
export class UserAccountsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly cache: ResourceCache,
    private readonly db: Database,
  ) {}

  /** The user by id or by email (normalised here); null when there is none. */
  async findAccountContact(db: Db, by: { id: string } | { email: string }): Promise<AccountContact | null> {
    const user =
      'id' in by
        ? await this.users.findById(db, by.id)
        : await this.users.findByEmail(db, normalizeEmail(by.email));
    return user && toAccountContact(user);
  }

  /** Marks `email` verified if it is still the active user's address; false otherwise. */
  markEmailVerified(tx: Transaction, id: string, email: string): Promise<boolean> {
    return this.users.markEmailVerified(tx, id, normalizeEmail(email));
  }

  /**
   * Moves the user to its pending address `newEmail` (verified: the link mailed there was used);
   * false when that is no longer its pending address. EmailTakenError when another account took
   * the address meanwhile, also when it does so at the same moment (the unique index decides).
   */
  async applyEmailChange(tx: Transaction, id: string, newEmail: string): Promise<boolean> {
    try {
      return await this.users.applyPendingEmail(tx, id, normalizeEmail(newEmail));
    } catch (error) {
      throw toConflict(error);
    }
  }

  /**
   * The hash of a password being set for the user, under registration's rules (the format rules
   * are the DTO's; here: not the username or the email). Slow: call it before any transaction.
   */
  async hashNewPassword(id: string, password: string, field: string, signal?: AbortSignal): Promise<string> {
    const user = await this.users.findById(this.db.pool, id);
    if (!user) {
      throw new UserNotFoundError();
    }
    assertGuessResistant(field, password, [user.username, user.email]);
    return this.hasher.hash(password, signal);
  }

  /**
   * Sets a hash from `hashNewPassword` if the user's token version is still `tokenVersion`, and
   * moves the version on: every access and refresh token issued before stops working. False when
   * the version moved (a password change or deactivation since) or the account is inactive. Call
   * `forgetAuthState` once the transaction has committed.
   */
  resetPassword(tx: Transaction, id: string, tokenVersion: number, passwordHash: string): Promise<boolean> {
    return this.users.replacePassword(tx, id, tokenVersion, passwordHash);
  }

  /** After a committed change of the token version: the guard reads the new one at the next request. */
  async forgetAuthState(id: string): Promise<void> {
    await this.cache.invalidate(authStateCacheKey(id));
  }
}

function toAccountContact(user: User): AccountContact {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    isActive: user.isActive,
    emailVerified: user.emailVerifiedAt !== null,
    pendingEmail: user.pendingEmail,
    tokenVersion: user.tokenVersion,
  };
}
