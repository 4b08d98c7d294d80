import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { EntityManager } from 'typeorm';
import type { Role } from '../auth/auth-user';
import { User } from './user.entity';

export interface NewUser {
  email: string;
  username: string;
  passwordHash: string;
  role?: Role;
}

export type UserChanges = Partial<Pick<User, 'email' | 'username' | 'passwordHash' | 'role' | 'isActive'>>;

/** What the auth guard needs on every request: one primary-key lookup of four columns. */
export type UserAuthState = Pick<User, 'id' | 'role' | 'isActive' | 'tokenVersion'>;

export interface UserListRow {
  user: User;
  /** `created_at` with its full microsecond precision, which a JS Date would cut to milliseconds. */
  createdAtKey: string;
}

/** TypeORM queries on `users`, nothing else; every method takes the caller's transaction if any. */
@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async insert(values: NewUser, manager?: EntityManager): Promise<User> {
    const repository = this.repository(manager);
    const user = repository.create(values);
    // RETURNING fills in the id, the timestamps and the column defaults.
    await repository.insert(user);
    return user;
  }

  /** INSERT … ON CONFLICT DO NOTHING; true when the row was inserted. */
  async insertIfAbsent(values: NewUser, manager?: EntityManager): Promise<boolean> {
    const result = await this.repository(manager)
      .createQueryBuilder()
      .insert()
      .into(User)
      .values(values)
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  findById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.repository(manager).findOneBy({ id });
  }

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return this.repository(manager).findOneBy({ email });
  }

  findAuthState(id: string, manager?: EntityManager): Promise<UserAuthState | null> {
    return this.repository(manager).findOne({
      select: { id: true, role: true, isActive: true, tokenVersion: true },
      where: { id },
    });
  }

  /** The user with the password hash, which is otherwise never selected. */
  findWithPasswordById(id: string, manager?: EntityManager): Promise<User | null> {
    return this.withPassword(manager).where('u.id = :id', { id }).getOne();
  }

  findWithPasswordByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return this.withPassword(manager).where('u.email = :email', { email }).getOne();
  }

  /** Case-insensitive, through the unique index on lower(username). */
  findWithPasswordByUsername(username: string, manager?: EntityManager): Promise<User | null> {
    return this.withPassword(manager).where('lower(u.username) = lower(:username)', { username }).getOne();
  }

  /**
   * The ids of the active admins, their rows locked until the transaction ends: a change that
   * could remove an admin holds these locks, so two such changes run one after the other.
   */
  async lockActiveAdminIds(manager: EntityManager): Promise<string[]> {
    const rows = await this.repository(manager)
      .createQueryBuilder('u')
      .select('u.id', 'id')
      .where('u.role = :role AND u.isActive', { role: 'admin' })
      .orderBy('u.id')
      .setLock('pessimistic_write')
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** Applies the changes; `revokeTokens` also bumps the token version in the same statement. */
  async update(
    id: string,
    changes: UserChanges,
    options: { revokeTokens?: boolean } = {},
    manager?: EntityManager,
  ): Promise<boolean> {
    const result = await this.repository(manager)
      .createQueryBuilder()
      .update(User)
      .set(options.revokeTokens ? { ...changes, tokenVersion: () => 'token_version + 1' } : changes)
      .where('id = :id', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Newest first; `after` is the last row of the previous page. Fetches `take` rows. */
  async list(
    after: { createdAtKey: string; id: string } | undefined,
    take: number,
    manager?: EntityManager,
  ): Promise<UserListRow[]> {
    const query = this.repository(manager)
      .createQueryBuilder('u')
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
    const { entities, raw } = await query.getRawAndEntities<{ created_at_key: string }>();
    return entities.map((user, index) => ({ user, createdAtKey: raw[index].created_at_key }));
  }

  private withPassword(manager?: EntityManager) {
    return this.repository(manager).createQueryBuilder('u').addSelect('u.passwordHash');
  }

  private repository(manager?: EntityManager): Repository<User> {
    return manager ? manager.getRepository(User) : this.users;
  }
}
