import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthUser, Role } from '../auth/auth-user';
import { isUniqueViolation } from '../../common/errors/database-errors';
import { ResourceCache } from '../../common/cache/resource-cache';
import { canonicalId } from '../../common/pipes/canonical-id';
import type { Page } from '../../common/http/page';
import { ValidationFailedError } from '../../common/errors/app-error';
import { CursorCodec } from '../../common/pagination/cursor-codec';
import { toKeysetPage } from '../../common/pagination/keyset-page';
import { AccountLockout } from '../../common/rate-limit/account-lockout';
import type { PublicProfileResponse } from './dto/user.response';
import { normalizeEmail } from './dto/user-fields';
import { PasswordHasher } from './password-hasher';
import { toPublicProfile } from './users.mapper';
import { USERS_EMAIL_UNIQUE, USERS_USERNAME_UNIQUE } from './user.entity';
import type { User } from './user.entity';
import {
  EmailTakenError,
  IncorrectCurrentPasswordError,
  LastAdminError,
  UsernameTakenError,
  UserNotFoundError,
  WeakPasswordError,
} from './users.errors';
import { UsersRepository } from './users.repository';
import type { UserAuthState, UserChanges } from './users.repository';

export type { UserAuthState } from './users.repository';

const CURSOR_SCOPE = 'users';

export interface Registration {
  email: string;
  username: string;
  password: string;
}

/** Exactly one of the two identifies the account. */
export type LoginIdentifier =
  { email: string; username?: undefined } | { username: string; email?: undefined };

/** What a caller may see of a user: everything (itself, admins) or the public profile. */
export type VisibleUser = { view: 'full'; user: User } | { view: 'public'; profile: PublicProfileResponse };

function profileCacheKey(id: string): string {
  return `users:${canonicalId(id)}:profile`;
}

function authStateCacheKey(id: string): string {
  return `users:${canonicalId(id)}:auth`;
}

/** Maps a unique violation to the conflict the client can act on; anything else goes on up. */
function toConflict(error: unknown): unknown {
  if (isUniqueViolation(error, USERS_EMAIL_UNIQUE)) {
    return new EmailTakenError();
  }
  if (isUniqueViolation(error, USERS_USERNAME_UNIQUE)) {
    return new UsernameTakenError();
  }
  return error;
}

/** The rules about accounts; the auth module asks it about credentials and token versions. */
@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly cursors: CursorCodec,
    private readonly cache: ResourceCache,
    private readonly lockout: AccountLockout,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * The public profile of an active user (`id`, `username`, `createdAt`), read through the cache;
   * every write that changes it invalidates it. Other modules show authors through it.
   */
  findPublicProfile(id: string): Promise<PublicProfileResponse | null> {
    return this.cache.read(profileCacheKey(id), async () => {
      const user = await this.users.findById(id);
      return user?.isActive ? toPublicProfile(user) : null;
    });
  }

  /** `signal`: the client's; if it goes away while the hash waits for a core, nothing is hashed. */
  async register(registration: Registration, signal?: AbortSignal): Promise<User> {
    const email = normalizeEmail(registration.email);
    this.assertGuessResistant('password', registration.password, [registration.username, email]);
    const passwordHash = await this.passwords.hash(registration.password, signal);
    try {
      return await this.users.insert({ email, username: registration.username, passwordHash });
    } catch (error) {
      // Two registrations racing for one email or username: the unique index decides, never a 500.
      throw toConflict(error);
    }
  }

  async getById(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) {
      throw new UserNotFoundError();
    }
    return user;
  }

  /** A deactivated account is gone for everyone but itself and admins. */
  async getVisibleTo(id: string, viewer: AuthUser | undefined): Promise<VisibleUser> {
    const privileged = viewer !== undefined && (viewer.id === id || viewer.role === 'admin');
    if (privileged) {
      return { view: 'full', user: await this.getById(id) };
    }
    const profile = await this.findPublicProfile(id);
    if (!profile) {
      throw new UserNotFoundError();
    }
    return { view: 'public', profile };
  }

  /** An email change needs the current password; one given with any change must be right. */
  async updateProfile(
    id: string,
    changes: { username?: string; email?: string; currentPassword?: string },
  ): Promise<User> {
    if (changes.email !== undefined && changes.currentPassword === undefined) {
      throw new ValidationFailedError([
        { field: 'currentPassword', message: 'currentPassword is required to change the email' },
      ]);
    }
    if (changes.currentPassword !== undefined) {
      await this.confirmCurrentPassword(await this.getWithPassword(id), changes.currentPassword);
    }
    const update: UserChanges = {};
    if (changes.username !== undefined) {
      update.username = changes.username;
    }
    if (changes.email !== undefined) {
      update.email = normalizeEmail(changes.email);
    }
    if (Object.keys(update).length > 0) {
      try {
        await this.users.update(id, update);
      } catch (error) {
        throw toConflict(error);
      }
      await this.cache.invalidate(profileCacheKey(id));
    }
    return this.getById(id);
  }

  /** Also signs the user out everywhere: every token issued before stops working. */
  async changePassword(id: string, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.getWithPassword(id);
    if (newPassword === currentPassword) {
      throw new WeakPasswordError('newPassword', 'must differ from currentPassword');
    }
    this.assertGuessResistant('newPassword', newPassword, [user.username, user.email]);
    await this.confirmCurrentPassword(user, currentPassword);
    const passwordHash = await this.passwords.hash(newPassword);
    await this.users.update(id, { passwordHash }, { revokeTokens: true });
    await this.cache.invalidate(authStateCacheKey(id));
  }

  /**
   * The caller's own deactivation, confirmed by its current password. It keeps the row (posts keep
   * their author) and revokes every token at once; the last active admin cannot.
   */
  async deactivate(id: string, currentPassword: string): Promise<void> {
    await this.confirmCurrentPassword(await this.getWithPassword(id), currentPassword);
    await this.changeKeepingAnAdmin(id, { isActive: false }, true);
    await this.cache.invalidate(profileCacheKey(id), authStateCacheKey(id));
  }

  async list(limit: number, cursor?: string): Promise<Page<User>> {
    const after = cursor === undefined ? undefined : this.cursors.decode(CURSOR_SCOPE, cursor);
    const rows = await this.users.list(after && { createdAtKey: after.sortValue, id: after.id }, limit + 1);
    return toKeysetPage(
      rows,
      limit,
      (row) => ({ sortValue: row.createdAtKey, id: row.user.id }),
      (position) => this.cursors.encode(CURSOR_SCOPE, position),
      (row) => row.user,
    );
  }

  /** Role changes apply at the next request (the guard reads the role); deactivation revokes tokens. */
  async updateAccess(id: string, changes: { role?: Role; isActive?: boolean }): Promise<User> {
    const update: UserChanges = {};
    if (changes.role !== undefined) {
      update.role = changes.role;
    }
    if (changes.isActive !== undefined) {
      update.isActive = changes.isActive;
    }
    if (Object.keys(update).length > 0) {
      await this.changeKeepingAnAdmin(id, update, changes.isActive === false);
      await this.cache.invalidate(profileCacheKey(id), authStateCacheKey(id));
    }
    return this.getById(id);
  }

  /**
   * For operators (`npm run user:promote` / `user:demote`): the role of the account with this
   * email, under the same rules as the admin endpoint; `changed` is false when it had it already.
   */
  async setRoleByEmail(email: string, role: Role): Promise<{ user: User; changed: boolean }> {
    const user = await this.users.findByEmail(normalizeEmail(email));
    if (!user) {
      throw new UserNotFoundError();
    }
    if (user.role === role) {
      return { user, changed: false };
    }
    return { user: await this.updateAccess(user.id, { role }), changed: true };
  }

  /**
   * Applies a role or activity change, refusing one that would leave no active admin. The active
   * admins' rows stay locked until the change commits, so two admins demoting each other at once
   * run one after the other and the second sees it would be the last.
   */
  private async changeKeepingAnAdmin(id: string, update: UserChanges, revokeTokens: boolean): Promise<void> {
    const removesAnAdmin = update.role === 'user' || update.isActive === false;
    await this.dataSource.transaction(async (manager) => {
      if (removesAnAdmin) {
        const admins = await this.users.lockActiveAdminIds(manager);
        if (admins.length === 1 && admins[0] === id) {
          throw new LastAdminError();
        }
      }
      await this.users.update(id, update, { revokeTokens }, manager);
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
  ): Promise<UserAuthState | null> {
    const user =
      identifier.email !== undefined
        ? await this.users.findWithPasswordByEmail(normalizeEmail(identifier.email))
        : await this.users.findWithPasswordByUsername(identifier.username);
    if (!user) {
      await this.passwords.verifyDummy(password, signal);
      return null;
    }
    if (!(await this.passwords.verify(user.passwordHash, password, signal)) || !user.isActive) {
      return null;
    }
    if (this.passwords.needsRehash(user.passwordHash)) {
      // The cost parameters were raised since this hash was made: upgrade it while we know the password.
      await this.users.update(user.id, { passwordHash: await this.passwords.hash(password) });
    }
    return { id: user.id, role: user.role, isActive: user.isActive, tokenVersion: user.tokenVersion };
  }

  /**
   * What the auth guard checks on every request, read through the cache: every write that changes
   * it (role, activity, token version) invalidates it, so a deactivation or a password change
   * still takes effect at the next request, on every instance.
   */
  findAuthState(id: string): Promise<UserAuthState | null> {
    return this.cache.read(authStateCacheKey(id), () => this.users.findAuthState(id));
  }

  /**
   * Makes sure the configured admin exists; safe when several instances start at once (the insert
   * ignores conflicts). An existing account with that email is left as it is: promoting it would
   * hand admin rights to whoever registered that email first.
   */
  async ensureAdmin(email: string, password: string): Promise<void> {
    const adminEmail = normalizeEmail(email);
    const existing = await this.users.findByEmail(adminEmail);
    if (existing) {
      if (existing.role !== 'admin') {
        this.logger.warn('ADMIN_EMAIL belongs to an account that is not an admin; it was left unchanged');
      }
      return;
    }
    const passwordHash = await this.passwords.hash(password);
    // "admin" may be someone's username already; then a suffixed one.
    for (const username of ['admin', `admin-${randomBytes(3).toString('hex')}`]) {
      const inserted = await this.users.insertIfAbsent({
        email: adminEmail,
        username,
        passwordHash,
        role: 'admin',
      });
      if (inserted || (await this.users.findByEmail(adminEmail))) {
        if (inserted) {
          this.logger.log(`Created the admin account ${username}`);
        }
        return;
      }
    }
    throw new Error('Could not create the admin account from ADMIN_EMAIL');
  }

  private async getWithPassword(id: string): Promise<User> {
    const user = await this.users.findWithPasswordById(id);
    if (!user) {
      throw new UserNotFoundError();
    }
    return user;
  }

  /**
   * A sensitive action's check of the caller's password: a wrong one is a 422 on
   * `currentPassword`, and failures count per account, so a stolen access token cannot be used to
   * guess the password (a 429 once RATE_LIMIT_ACCOUNT_MAX failures are counted in the window).
   */
  private async confirmCurrentPassword(user: User, currentPassword: string): Promise<void> {
    const right = await this.lockout.attempt(
      'current-password',
      user.id,
      () => this.passwords.verify(user.passwordHash, currentPassword),
      (verified) => verified,
    );
    if (!right) {
      throw new IncorrectCurrentPasswordError();
    }
  }

  /** Cheap checks that catch the obvious guesses: the account's own username or email. */
  private assertGuessResistant(field: string, password: string, identifiers: string[]): void {
    const lowered = password.toLowerCase();
    if (identifiers.some((identifier) => identifier.toLowerCase() === lowered)) {
      throw new WeakPasswordError(field, 'must not be the username or the email');
    }
  }
}
