import { Injectable } from '@nestjs/common';
import type { Role } from '../auth/auth-user';
import type { Db, Transaction } from '../../database/database';
import { parseRows } from '../../database/raw-rows';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  username: string;
  passwordHash: string;
  role?: Role;
  emailVerifiedAt?: Date | null;
}

export type UserChanges = Partial<
  Pick<User, 'email' | 'username' | 'passwordHash' | 'role' | 'isActive' | 'pendingEmail'>
>;

/** What the auth guard needs on every request: one primary-key lookup of four columns. */
export type UserAuthState = Pick<User, 'id' | 'role' | 'isActive' | 'tokenVersion'>;

export interface UserListRow {
  user: User;
  /** `created_at` with its full microsecond precision, which a JS Date would cut to milliseconds. */
  createdAtKey: string;
}

/**
 * TypeORM queries on `users`, nothing else. Every method takes where to run (`Db`) first; a read
 * returns `User` entities (the password hash only from the `…WithPassword…` methods), or the
 * narrower `UserAuthState` for the guard.
 */
@Injectable()
export class UsersRepository {
  async insert(db: Db, values: NewUser): Promise<User> {
    const repository = db.getRepository(User);
    // Nullable columns without a default are not returned: set here, so the entity is complete.
    const user = repository.create({ emailVerifiedAt: null, pendingEmail: null, ...values });
    // RETURNING fills in the id, the timestamps and the column defaults.
    await repository.insert(user);
    return user;
  }

  /** INSERT … ON CONFLICT DO NOTHING; true when the row was inserted. */
  async insertIfAbsent(db: Db, values: NewUser): Promise<boolean> {
    const result = await db
      .createQueryBuilder()
      .insert()
      .into(User)
      .values(values)
      .orIgnore()
      .returning(['id'])
      .execute();
    return parseRows('users.insertIfAbsent', { id: 'string' }, result.raw).length > 0;
  }

  findById(db: Db, id: string): Promise<User | null> {
    return db.getRepository(User).findOneBy({ id });
  }

  findByEmail(db: Db, email: string): Promise<User | null> {
    return db.getRepository(User).findOneBy({ email });
  }

  findAuthState(db: Db, id: string): Promise<UserAuthState | null> {
    return db.getRepository(User).findOne({
      select: { id: true, role: true, isActive: true, tokenVersion: true },
      where: { id },
    });
  }

  /** The user with the password hash, which is otherwise never selected. */
  findWithPasswordById(db: Db, id: string): Promise<User | null> {
    return withPassword(db).where('u.id = :id', { id }).getOne();
  }

  findWithPasswordByEmail(db: Db, email: string): Promise<User | null> {
    return withPassword(db).where('u.email = :email', { email }).getOne();
  }

  /** Case-insensitive, through the unique index on lower(username). */
  findWithPasswordByUsername(db: Db, username: string): Promise<User | null> {
    return withPassword(db).where('lower(u.username) = lower(:username)', { username }).getOne();
  }

  /**
   * The user's password hash, its row locked until the transaction ends: a write decided on a
   * password check holds it, so the password it checked is still the current one when it commits.
   */
  async lockPasswordHash(tx: Transaction, id: string): Promise<string | null> {
    const rows = await tx
      .createQueryBuilder(User, 'u')
      .select('u.passwordHash', 'password_hash')
      .where('u.id = :id', { id })
      .setLock('pessimistic_write')
      .getRawMany<unknown>();
    const [row] = parseRows('users.lockPasswordHash', { password_hash: 'string' }, rows);
    return row ? row.password_hash : null;
  }

  /**
   * The ids of the active admins, their rows locked until the transaction ends: a change that
   * could remove an admin holds these locks, so two such changes run one after the other.
   */
  async lockActiveAdminIds(tx: Transaction): Promise<string[]> {
    const rows = await tx
      .createQueryBuilder(User, 'u')
      .select('u.id', 'id')
      .where('u.role = :role AND u.isActive', { role: 'admin' })
      .orderBy('u.id')
      .setLock('pessimistic_write')
      .getRawMany<unknown>();
    return parseRows('users.lockActiveAdminIds', { id: 'string' }, rows).map((row) => row.id);
  }

  /** Applies the changes; `revokeTokens` also bumps the token version in the same statement. */
  async update(
    db: Db,
    id: string,
    changes: UserChanges,
    options: { revokeTokens?: boolean } = {},
  ): Promise<boolean> {
    const result = await db
      .createQueryBuilder()
      .update(User)
      .set(options.revokeTokens ? { ...changes, tokenVersion: () => 'token_version + 1' } : changes)
      .where('id = :id', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Marks the address verified if it is still the active user's `email`; false otherwise. */
  async markEmailVerified(tx: Transaction, id: string, email: string): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(User)
      .set({ emailVerifiedAt: () => 'COALESCE(email_verified_at, now())' })
      .where('id = :id AND email = :email AND is_active', { id, email })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Moves the active user to `email` if it is still its pending address, verified by the link that
   * confirmed it; false otherwise. Another account holding it fails on the unique index.
   */
  async applyPendingEmail(tx: Transaction, id: string, email: string): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(User)
      .set({ email, pendingEmail: null, emailVerifiedAt: () => 'now()' })
      .where('id = :id AND pending_email = :email AND is_active', { id, email })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Sets the password and moves the token version on, if the active user's version is still
   * `tokenVersion` (no password change or deactivation since); false otherwise.
   */
  async replacePassword(
    tx: Transaction,
    id: string,
    tokenVersion: number,
    passwordHash: string,
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(User)
      .set({ passwordHash, tokenVersion: () => 'token_version + 1' })
      .where('id = :id AND token_version = :tokenVersion AND is_active', { id, tokenVersion })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Newest first; `after` is the last row of the previous page. Fetches `take` rows. */
  async list(
    db: Db,
    after: { createdAtKey: string; id: string } | undefined,
    take: number,
  ): Promise<UserListRow[]> {
    const query = db
      .createQueryBuilder(User, 'u')
      .addSelect(`to_char(u.createdAt AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'created_at_key')
      .orderBy('u.createdAt', 'DESC')
      .addOrderBy('u.id', 'DESC')
      .limit(take);
    if (after) {
      query.where('(u.createdAt, u.id) < (CAST(:createdAt AS timestamptz), CAST(:id AS uuid))', {
        createdAt: after.createdAtKey,
        id: after.id,
      });
    }
    const { entities, raw } = await query.getRawAndEntities();
    const keys = parseRows('users.list', { created_at_key: 'string' }, raw);
    return entities.map((user, index) => ({ user, createdAtKey: keys[index].created_at_key }));
  }
}

function withPassword(db: Db) {
  return db.createQueryBuilder(User, 'u').addSelect('u.passwordHash');
}
