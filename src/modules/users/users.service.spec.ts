import { QueryFailedError } from 'typeorm';
import type { JobsService } from '../../jobs/jobs.service';
import type { ResourceCache } from '../../common/cache/resource-cache';
import type { CursorCodec } from '../../common/pagination/cursor-codec';
import type { AccountLockout } from '../../common/rate-limit/account-lockout';
import type { Database, Db, Transaction } from '../../database/database';
import type { PasswordHasher } from './password-hasher';
import { User, USERS_EMAIL_UNIQUE, USERS_USERNAME_UNIQUE } from './user.entity';
import { UserPasswords } from './user-passwords';
import {
  EmailTakenError,
  IncorrectCurrentPasswordError,
  LastAdminError,
  UsernameTakenError,
} from './users.errors';
import type { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

/** Stand-ins for the pool and a transaction: the tests check which one each call got. */
const POOL = { name: 'pool' } as unknown as Db;
const TX = { name: 'transaction' } as unknown as Transaction;

function uniqueViolation(constraint: string): QueryFailedError {
  return new QueryFailedError(
    'INSERT …',
    [],
    Object.assign(new Error('duplicate key'), { code: '23505', constraint }),
  );
}

function makeUser(overrides: Partial<User> = {}): User {
  return Object.assign(new User(), {
    id: 'u1',
    email: 'ada@example.com',
    username: 'ada',
    passwordHash: 'hash',
    role: 'user',
    isActive: true,
    tokenVersion: 0,
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
    updatedAt: new Date('2026-01-02T00:00:00.000Z'),
    ...overrides,
  });
}

describe(UsersService.name, () => {
  let repository: jest.Mocked<
    Pick<
      UsersRepository,
      | 'insert'
      | 'findById'
      | 'findByEmail'
      | 'findWithPasswordByEmail'
      | 'findWithPasswordById'
      | 'lockPasswordHash'
      | 'lockActiveAdminIds'
      | 'update'
    >
  >;
  let lockout: { attempt: jest.Mock };
  let hasher: jest.Mocked<Pick<PasswordHasher, 'hash' | 'verify' | 'verifyDummy' | 'needsRehash'>>;
  let cache: jest.Mocked<Pick<ResourceCache, 'invalidate'>>;
  let transaction: jest.Mock;
  let jobs: { enqueue: jest.Mock };
  let service: UsersService;

  beforeEach(() => {
    repository = {
      insert: jest.fn(),
      findById: jest.fn().mockResolvedValue(makeUser()),
      findByEmail: jest.fn().mockResolvedValue(null),
      findWithPasswordByEmail: jest.fn(),
      findWithPasswordById: jest.fn().mockResolvedValue(makeUser()),
      lockPasswordHash: jest.fn().mockResolvedValue('hash'),
      lockActiveAdminIds: jest.fn().mockResolvedValue([]),
      update: jest.fn().mockResolvedValue(true),
    };
    // The lock-out lets every attempt through here; its own spec covers the counting.
    lockout = { attempt: jest.fn((_scope, _account, check: () => Promise<unknown>) => check()) };
    hasher = {
      hash: jest.fn().mockResolvedValue('new-hash'),
      verify: jest.fn().mockResolvedValue(true),
      verifyDummy: jest.fn().mockResolvedValue(false),
      needsRehash: jest.fn().mockReturnValue(false),
    };
    cache = { invalidate: jest.fn().mockResolvedValue(undefined) };
    transaction = jest.fn((work: (tx: Transaction) => unknown) => work(TX));
    jobs = { enqueue: jest.fn().mockResolvedValue('job-1') };
    const db = { pool: POOL, transaction } as unknown as Database;
    const users = repository as unknown as UsersRepository;
    const passwordHasher = hasher as unknown as PasswordHasher;
    service = new UsersService(
      users,
      passwordHasher,
      new UserPasswords(users, passwordHasher, lockout as unknown as AccountLockout, db),
      {} as CursorCodec,
      cache as unknown as ResourceCache,
      db,
      jobs as unknown as JobsService,
    );
  });

  describe('register', () => {
    it('stores the email lower-cased and only a hash of the password', async () => {
      repository.insert.mockImplementation((_db, values) => Promise.resolve(makeUser(values)));
      await service.register({ email: 'Ada@Example.COM', username: 'ada', password: 'a sturdy passphrase' });
      expect(repository.insert).toHaveBeenCalledWith(TX, {
        email: 'ada@example.com',
        username: 'ada',
        passwordHash: 'new-hash',
      });
    });

    it('enqueues the verification job in the transaction that inserts the account', async () => {
      repository.insert.mockImplementation((_db, values) => Promise.resolve(makeUser(values)));
      await service.register({ email: 'ada@example.com', username: 'ada', password: 'a sturdy passphrase' });
      expect(jobs.enqueue).toHaveBeenCalledWith(TX, 'accounts.registered', { userId: 'u1' });
    });

    it('registers nothing when the job cannot be enqueued: the error goes on up', async () => {
      repository.insert.mockImplementation((_db, values) => Promise.resolve(makeUser(values)));
      jobs.enqueue.mockRejectedValue(new Error('queue down'));
      await expect(
        service.register({ email: 'ada@example.com', username: 'ada', password: 'a sturdy passphrase' }),
      ).rejects.toThrow('queue down');
    });

    it('returns the response, never the entity with its hash', async () => {
      repository.insert.mockImplementation((_db, values) => Promise.resolve(makeUser(values)));
      const created = await service.register({
        email: 'a@example.com',
        username: 'ada',
        password: 'a sturdy one',
      });
      expect(created).not.toHaveProperty('passwordHash');
      expect(created).not.toHaveProperty('tokenVersion');
      expect(created.createdAt).toBe('2026-01-01T00:00:00.000Z');
    });

    it.each([
      [USERS_EMAIL_UNIQUE, EmailTakenError],
      [USERS_USERNAME_UNIQUE, UsernameTakenError],
    ])('turns a violation of %s into its 409', async (constraint, expected) => {
      repository.insert.mockRejectedValue(uniqueViolation(constraint));
      await expect(
        service.register({ email: 'ada@example.com', username: 'ada', password: 'a sturdy passphrase' }),
      ).rejects.toBeInstanceOf(expected);
    });
  });

  describe('verifyCredentials', () => {
    it('spends a dummy verification on an unknown account, so timing reveals nothing', async () => {
      repository.findWithPasswordByEmail.mockResolvedValue(null);
      await expect(service.verifyCredentials({ email: 'nobody@example.com' }, 'guess')).resolves.toBeNull();
      expect(hasher.verifyDummy).toHaveBeenCalledWith('guess', undefined);
    });

    it('refuses a deactivated account even with the right password', async () => {
      repository.findWithPasswordByEmail.mockResolvedValue(makeUser({ isActive: false }));
      await expect(service.verifyCredentials({ email: 'ada@example.com' }, 'right')).resolves.toBeNull();
    });

    it('upgrades a hash made with weaker parameters on a successful sign-in', async () => {
      repository.findWithPasswordByEmail.mockResolvedValue(makeUser());
      hasher.needsRehash.mockReturnValue(true);
      await expect(service.verifyCredentials({ email: 'ADA@example.com' }, 'right')).resolves.toMatchObject({
        id: 'u1',
      });
      expect(repository.findWithPasswordByEmail).toHaveBeenCalledWith(POOL, 'ada@example.com');
      expect(repository.update).toHaveBeenCalledWith(TX, 'u1', { passwordHash: 'new-hash' });
    });

    it('leaves a hash alone that a password change replaced during the upgrade', async () => {
      repository.findWithPasswordByEmail.mockResolvedValue(makeUser());
      hasher.needsRehash.mockReturnValue(true);
      repository.lockPasswordHash.mockResolvedValue('hash-of-the-new-password');
      await service.verifyCredentials({ email: 'ada@example.com' }, 'right');
      expect(repository.update).not.toHaveBeenCalled();
    });
  });

  describe('sensitive actions', () => {
    it('refuses an email change without the current password, checking nothing', async () => {
      await expect(service.updateProfile('u1', { email: 'new@example.com' })).rejects.toMatchObject({
        status: 422,
        details: [{ field: 'currentPassword', message: expect.any(String) }],
      });
      expect(repository.update).not.toHaveBeenCalled();
    });

    it('refuses a deactivation with a wrong current password, counted per account', async () => {
      hasher.verify.mockResolvedValue(false);
      await expect(service.deactivate('u1', 'not my password')).rejects.toMatchObject({
        status: 422,
        details: [{ field: 'currentPassword', message: 'currentPassword is incorrect' }],
      });
      expect(lockout.attempt).toHaveBeenCalledWith(
        'current-password',
        'u1',
        expect.any(Function),
        expect.any(Function),
      );
      expect(repository.update).not.toHaveBeenCalled();
    });

    it('changes the password under the row lock, revoking tokens, in one transaction', async () => {
      await service.changePassword('u1', 'old passphrase', 'a new passphrase');
      expect(transaction).toHaveBeenCalledTimes(1);
      expect(repository.lockPasswordHash).toHaveBeenCalledWith(TX, 'u1');
      expect(repository.update).toHaveBeenCalledWith(
        TX,
        'u1',
        { passwordHash: 'new-hash' },
        { revokeTokens: true },
      );
    });

    it('refuses a password change whose checked password was changed meanwhile', async () => {
      repository.lockPasswordHash.mockResolvedValue('hash-of-another-password');
      await expect(service.changePassword('u1', 'old passphrase', 'a new passphrase')).rejects.toBeInstanceOf(
        IncorrectCurrentPasswordError,
      );
      expect(repository.update).not.toHaveBeenCalled();
      expect(cache.invalidate).not.toHaveBeenCalled();
    });

    it('keeps the email and records the new one as pending, with its job, in one transaction', async () => {
      const changed = await service.updateProfile('u1', {
        email: 'New@Example.com',
        currentPassword: 'right',
      });
      expect(repository.update).toHaveBeenCalledWith(TX, 'u1', { pendingEmail: 'new@example.com' });
      expect(jobs.enqueue).toHaveBeenCalledWith(TX, 'accounts.email-change-requested', {
        userId: 'u1',
        newEmail: 'new@example.com',
      });
      expect(repository.findById).toHaveBeenCalledWith(TX, 'u1');
      expect(changed).not.toHaveProperty('passwordHash');
    });

    it('refuses an email another account has, queueing nothing', async () => {
      repository.findByEmail.mockResolvedValue(makeUser({ id: 'u2', email: 'new@example.com' }));
      await expect(
        service.updateProfile('u1', { email: 'new@example.com', currentPassword: 'right' }),
      ).rejects.toBeInstanceOf(EmailTakenError);
      expect(repository.update).not.toHaveBeenCalled();
      expect(jobs.enqueue).not.toHaveBeenCalled();
    });

    it('cancels a pending change when asked for the current address, mailing nobody', async () => {
      repository.findById.mockResolvedValue(makeUser({ pendingEmail: 'new@example.com' }));
      await service.updateProfile('u1', { email: 'Ada@example.com', currentPassword: 'right' });
      expect(repository.update).toHaveBeenCalledWith(TX, 'u1', { pendingEmail: null });
      expect(jobs.enqueue).not.toHaveBeenCalled();
    });
  });

  describe('updateAccess', () => {
    it('refuses to demote the last active admin, writing nothing', async () => {
      repository.lockActiveAdminIds.mockResolvedValue(['u1']);
      await expect(service.updateAccess('u1', { role: 'user' })).rejects.toBeInstanceOf(LastAdminError);
      expect(repository.lockActiveAdminIds).toHaveBeenCalledWith(TX);
      expect(repository.update).not.toHaveBeenCalled();
    });

    it('promotes without locking the admins', async () => {
      await service.updateAccess('u1', { role: 'admin' });
      expect(repository.lockActiveAdminIds).not.toHaveBeenCalled();
      expect(repository.update).toHaveBeenCalledWith(TX, 'u1', { role: 'admin' }, { revokeTokens: false });
    });
  });
});
