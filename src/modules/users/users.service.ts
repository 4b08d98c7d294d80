import { Injectable } from '@nestjs/common';
import type { AuthUser, Role } from '../auth/auth-user';
import { ResourceCache } from '../../common/cache/resource-cache';
import type { Page } from '../../common/http/page';
import { ValidationFailedError } from '../../common/errors/app-error';
import { CursorCodec } from '../../common/pagination/cursor-codec';
import { toKeysetPage } from '../../common/pagination/keyset-page';
import { Database } from '../../database/database';
import type { Transaction } from '../../database/database';
import { JobsService } from '../../jobs/jobs.service';
import type { PublicProfileResponse, UserResponse } from './dto/user.response';
import { normalizeEmail } from './dto/user-fields';
import { PasswordHasher } from './password-hasher';
import { assertGuessResistant, UserPasswords } from './user-passwords';
import type { LoginIdentifier, SignInState } from './user-passwords';
import { toPublicProfile, toUserResponse } from './users.mapper';
import { authStateCacheKey, profileCacheKey, toConflict } from './user-keys';
import type { User } from './user.entity';
import { EmailTakenError, LastAdminError, UserNotFoundError } from './users.errors';
import { UsersRepository } from './users.repository';
import type { UserAuthState, UserChanges } from './users.repository';
import { USER_JOBS } from './user-jobs';
import type { EmailChangeRequestedJob, RegisteredJob } from './user-jobs';

export type { UserAuthState } from './users.repository';
export type { LoginIdentifier, SignInState } from './user-passwords';

const CURSOR_SCOPE = 'users';

export interface Registration {
  email: string;
  username: string;
  password: string;
}

/**
 * The rules about accounts; the auth module asks it about credentials and token versions. What it
 * returns to controllers is the response (`UserResponse`, `PublicProfileResponse`), built here.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly passwords: UserPasswords,
    private readonly cursors: CursorCodec,
    private readonly cache: ResourceCache,
    private readonly db: Database,
    private readonly jobs: JobsService,
  ) {}

  /**
   * The public profile of an active user (`id`, `username`, `createdAt`), read through the cache;
   * every write that changes it invalidates it. Other modules show authors through it.
   */
  findPublicProfile(id: string): Promise<PublicProfileResponse | null> {
    return this.cache.read(profileCacheKey(id), async () => {
      const user = await this.users.findById(this.db.pool, id);
      return user?.isActive ? toPublicProfile(user) : null;
    });
  }

  /**
   * A new, unverified account; the job that mails its verification link commits with it.
   * `signal`: the client's; if it goes away while the hash waits for a core, nothing is hashed.
   */
  async register(registration: Registration, signal?: AbortSignal): Promise<UserResponse> {
    const email = normalizeEmail(registration.email);
    assertGuessResistant('password', registration.password, [registration.username, email]);
    const passwordHash = await this.hasher.hash(registration.password, signal);
    try {
      const user = await this.db.transaction(async (tx) => {
        const inserted = await this.users.insert(tx, {
          email,
          username: registration.username,
          passwordHash,
        });
        await this.jobs.enqueue<RegisteredJob>(tx, USER_JOBS.registered, { userId: inserted.id });
        return inserted;
      });
      return toUserResponse(user);
    } catch (error) {
      // Two registrations racing for one email or username: the unique index decides, never a 500.
      throw toConflict(error);
    }
  }

  async getById(id: string): Promise<UserResponse> {
    return toUserResponse(found(await this.users.findById(this.db.pool, id)));
  }

  /** The full profile to itself and admins; to anyone else the public one (none if deactivated). */
  async getVisibleTo(
    id: string,
    viewer: AuthUser | undefined,
  ): Promise<UserResponse | PublicProfileResponse> {
    if (viewer !== undefined && (viewer.id === id || viewer.role === 'admin')) {
      return this.getById(id);
    }
    const profile = await this.findPublicProfile(id);
    if (!profile) {
      throw new UserNotFoundError();
    }
    return profile;
  }

  /**
   * A username changes at once. An email change needs the current password and does not change
   * `email`: the new address becomes `pendingEmail`, and a job mails it a confirmation link (the
   * change applies when it is followed); asking for the current address cancels a pending change.
   * One given with any change must be right. The write holds the row's lock and commits only if
   * the password checked is still the current one.
   */
  async updateProfile(
    id: string,
    changes: { username?: string; email?: string; currentPassword?: string },
  ): Promise<UserResponse> {
    if (changes.email !== undefined && changes.currentPassword === undefined) {
      throw new ValidationFailedError([
        { field: 'currentPassword', message: 'currentPassword is required to change the email' },
      ]);
    }
    const confirmed =
      changes.currentPassword === undefined
        ? undefined
        : await this.passwords.confirm(id, changes.currentPassword);
    if (changes.username === undefined && changes.email === undefined) {
      return this.getById(id);
    }
    const requestedEmail = changes.email === undefined ? undefined : normalizeEmail(changes.email);
    const user = await this.db.transaction(async (tx) => {
      if (confirmed) {
        await this.passwords.assertUnchanged(tx, confirmed);
      }
      const current = found(await this.users.findById(tx, id));
      const update: UserChanges = changes.username === undefined ? {} : { username: changes.username };
      const moving = requestedEmail !== undefined && requestedEmail !== current.email;
      if (requestedEmail !== undefined) {
        update.pendingEmail = moving ? requestedEmail : null;
      }
      if (moving && (await this.users.findByEmail(tx, requestedEmail))) {
        throw new EmailTakenError();
      }
      try {
        await this.users.update(tx, id, update);
      } catch (error) {
        throw toConflict(error);
      }
      if (moving) {
        await this.jobs.enqueue<EmailChangeRequestedJob>(tx, USER_JOBS.emailChangeRequested, {
          userId: id,
          newEmail: requestedEmail,
        });
      }
      return this.users.findById(tx, id);
    });
    await this.cache.invalidate(profileCacheKey(id));
    return toUserResponse(found(user));
  }

  /** Also signs the user out everywhere: every token issued before stops working. */
  async changePassword(id: string, currentPassword: string, newPassword: string): Promise<void> {
    await this.passwords.change(id, currentPassword, newPassword);
    await this.cache.invalidate(authStateCacheKey(id));
  }

  /**
   * The caller's own deactivation, confirmed by its current password. It keeps the row (posts keep
   * their author) and revokes every token at once; the last active admin cannot.
   */
  async deactivate(id: string, currentPassword: string): Promise<void> {
    const user = await this.passwords.confirm(id, currentPassword);
    await this.db.transaction(async (tx) => {
      await this.changeKeepingAnAdmin(tx, id, { isActive: false }, true);
      await this.passwords.assertUnchanged(tx, user);
    });
    await this.cache.invalidate(profileCacheKey(id), authStateCacheKey(id));
  }

  async list(limit: number, cursor?: string): Promise<Page<UserResponse>> {
    const after = cursor === undefined ? undefined : this.cursors.decode(CURSOR_SCOPE, cursor);
    const rows = await this.users.list(
      this.db.pool,
      after && { createdAtKey: after.sortValue, id: after.id },
      limit + 1,
    );
    return toKeysetPage(
      rows,
      limit,
      (row) => ({ sortValue: row.createdAtKey, id: row.user.id }),
      (position) => this.cursors.encode(CURSOR_SCOPE, position),
      (row) => toUserResponse(row.user),
    );
  }

  /** Role changes apply at the next request (the guard reads the role); deactivation revokes tokens. */
  async updateAccess(id: string, changes: { role?: Role; isActive?: boolean }): Promise<UserResponse> {
    const update = accessChanges(changes);
    const user = await this.db.transaction(async (tx) => {
      if (Object.keys(update).length > 0) {
        await this.changeKeepingAnAdmin(tx, id, update, changes.isActive === false);
      }
      return this.users.findById(tx, id);
    });
    if (Object.keys(update).length > 0) {
      await this.cache.invalidate(profileCacheKey(id), authStateCacheKey(id));
    }
    return toUserResponse(found(user));
  }

  /**
   * For operators (`npm run user:promote` / `user:demote`): the role of the account with this
   * email, under the same rules as the admin endpoint; `changed` is false when it had it already.
   */
  async setRoleByEmail(email: string, role: Role): Promise<{ user: UserResponse; changed: boolean }> {
    const outcome = await this.db.transaction(async (tx) => {
      const user = found(await this.users.findByEmail(tx, normalizeEmail(email)));
      if (user.role === role) {
        return { user, changed: false };
      }
      await this.changeKeepingAnAdmin(tx, user.id, { role }, false);
      return { user: found(await this.users.findById(tx, user.id)), changed: true };
    });
    if (outcome.changed) {
      await this.cache.invalidate(profileCacheKey(outcome.user.id), authStateCacheKey(outcome.user.id));
    }
    return { user: toUserResponse(outcome.user), changed: outcome.changed };
  }

  /** The account behind a login, or null (see `UserPasswords.verifyCredentials`). */
  verifyCredentials(
    identifier: LoginIdentifier,
    password: string,
    signal?: AbortSignal,
  ): Promise<SignInState | null> {
    return this.passwords.verifyCredentials(identifier, password, signal);
  }

  /**
   * What the auth guard checks on every request, read through the cache: every write that changes
   * it (role, activity, token version) invalidates it, so a deactivation or a password change
   * still takes effect at the next request, on every instance.
   */
  findAuthState(id: string): Promise<UserAuthState | null> {
    return this.cache.read(authStateCacheKey(id), () => this.users.findAuthState(this.db.pool, id));
  }

  /**
   * Applies a role or activity change, refusing one that would leave no active admin. The active
   * admins' rows stay locked until the change commits, so two admins demoting each other at once
   * run one after the other and the second sees it would be the last. Every write that locks
   * admins takes those locks first, so two such writes never wait on each other in a cycle.
   */
  private async changeKeepingAnAdmin(
    tx: Transaction,
    id: string,
    update: UserChanges,
    revokeTokens: boolean,
  ): Promise<void> {
    if (update.role === 'user' || update.isActive === false) {
      const admins = await this.users.lockActiveAdminIds(tx);
      if (admins.length === 1 && admins[0] === id) {
        throw new LastAdminError();
      }
    }
    await this.users.update(tx, id, update, { revokeTokens });
  }
}

function found(user: User | null): User {
  if (!user) {
    throw new UserNotFoundError();
  }
  return user;
}

function accessChanges(changes: { role?: Role; isActive?: boolean }): UserChanges {
  const update: UserChanges = {};
  if (changes.role !== undefined) {
    update.role = changes.role;
  }
  if (changes.isActive !== undefined) {
    update.isActive = changes.isActive;
  }
  return update;
}
