import { Injectable } from '@nestjs/common';
import { AccountLockout } from '../../common/rate-limit/account-lockout';
import { Database } from '../../database/database';
import type { Transaction } from '../../database/database';
import { normalizeEmail } from './dto/user-fields';
import { PasswordHasher } from './password-hasher';
import type { User } from './user.entity';
import { IncorrectCurrentPasswordError, UserNotFoundError, WeakPasswordError } from './users.errors';
import { UsersRepository } from './users.repository';
import type { UserAuthState } from './users.repository';

/** Exactly one of the two identifies the account. */
export type LoginIdentifier =
  { email: string; username?: undefined } | { username: string; email?: undefined };

/** The account behind a sign-in: what the guard checks, and whether its address is verified. */
export type SignInState = UserAuthState & { emailVerified: boolean };

/** Cheap checks that catch the obvious guesses: the account's own username or email. */
export function assertGuessResistant(field: string, password: string, identifiers: string[]): void {
  const lowered = password.toLowerCase();
  if (identifiers.some((identifier) => identifier.toLowerCase() === lowered)) {
    throw new WeakPasswordError(field, 'must not be the username or the email');
  }
}

/**
 * The password rules of the users module, behind `UsersService`: sign-in checks, the current
 * password that sensitive actions confirm, and password changes.
 *
 * Hashing and verifying are slow (argon2), so they run before any transaction; the write that
 * follows locks the row and commits only if the hash it decided on is still the current one.
 */
@Injectable()
export class UserPasswords {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly lockout: AccountLockout,
    private readonly db: Database,
  ) {}

  /**
   * A sensitive action's check of the caller's password: a wrong one is a 422 on
   * `currentPassword`, and failures count per account, so a stolen access token cannot be used to
   * guess the password (a 429 once RATE_LIMIT_ACCOUNT_MAX failures are counted in the window).
   * Returns the user as checked, for `assertUnchanged`.
   */
  async confirm(id: string, currentPassword: string): Promise<User> {
    const user = await this.withPassword(id);
    await this.confirmFor(user, currentPassword);
    return user;
  }

  /**
   * Locks the user's row and makes sure its password is still the one `confirm` checked (a
   * concurrent change made that check stale: then the password given is no longer right).
   */
  async assertUnchanged(tx: Transaction, confirmed: User): Promise<void> {
    const current = await this.users.lockPasswordHash(tx, confirmed.id);
    if (current === null) {
      throw new UserNotFoundError();
    }
    if (current !== confirmed.passwordHash) {
      throw new IncorrectCurrentPasswordError();
    }
  }

  /** Sets a new password and moves the token version on (every token issued before stops working). */
  async change(id: string, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.withPassword(id);
    if (newPassword === currentPassword) {
      throw new WeakPasswordError('newPassword', 'must differ from currentPassword');
    }
    assertGuessResistant('newPassword', newPassword, [user.username, user.email]);
    await this.confirmFor(user, currentPassword);
    const passwordHash = await this.hasher.hash(newPassword);
    await this.db.transaction(async (tx) => {
      await this.assertUnchanged(tx, user);
      await this.users.update(tx, id, { passwordHash }, { revokeTokens: true });
    });
  }

  /**
   * The account behind a login, or null for an unknown account, a wrong password or a deactivated
   * user alike. An unknown account still costs one argon2 verification, so timing tells nothing.
   */
  async verifyCredentials(
    identifier: LoginIdentifier,
    password: string,
    signal?: AbortSignal,
  ): Promise<SignInState | null> {
    const user =
      identifier.email !== undefined
        ? await this.users.findWithPasswordByEmail(this.db.pool, normalizeEmail(identifier.email))
        : await this.users.findWithPasswordByUsername(this.db.pool, identifier.username);
    if (!user) {
      await this.hasher.verifyDummy(password, signal);
      return null;
    }
    if (!(await this.hasher.verify(user.passwordHash, password, signal)) || !user.isActive) {
      return null;
    }
    if (this.hasher.needsRehash(user.passwordHash)) {
      // The cost parameters were raised since this hash was made: upgrade it while we know the
      // password, unless a password change got there first (its hash must not be overwritten).
      const passwordHash = await this.hasher.hash(password);
      await this.db.transaction(async (tx) => {
        if ((await this.users.lockPasswordHash(tx, user.id)) === user.passwordHash) {
          await this.users.update(tx, user.id, { passwordHash });
        }
      });
    }
    return {
      id: user.id,
      role: user.role,
      isActive: user.isActive,
      tokenVersion: user.tokenVersion,
      emailVerified: user.emailVerifiedAt !== null,
    };
  }

  private async withPassword(id: string): Promise<User> {
    const user = await this.users.findWithPasswordById(this.db.pool, id);
    if (!user) {
      throw new UserNotFoundError();
    }
    return user;
  }

  private async confirmFor(user: User, currentPassword: string): Promise<void> {
    const right = await this.lockout.attempt(
      'current-password',
      user.id,
      () => this.hasher.verify(user.passwordHash, currentPassword),
      (verified) => verified,
    );
    if (!right) {
      throw new IncorrectCurrentPasswordError();
    }
  }
}
