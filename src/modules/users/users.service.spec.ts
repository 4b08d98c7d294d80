import { QueryFailedError } from 'typeorm';
import type { DataSource } from 'typeorm';
import type { ResourceCache } from '../../common/cache/resource-cache';
import type { CursorCodec } from '../../common/pagination/cursor-codec';
import type { AccountLockout } from '../../common/rate-limit/account-lockout';
import type { PasswordHasher } from './password-hasher';
import { USERS_EMAIL_UNIQUE, USERS_USERNAME_UNIQUE } from './user.entity';
import type { User } from './user.entity';
import { EmailTakenError, UsernameTakenError } from './users.errors';
import type { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

function uniqueViolation(constraint: string): QueryFailedError {
  return new QueryFailedError(
    'INSERT …',
    [],
    Object.assign(new Error('duplicate key'), { code: '23505', constraint }),
  );
}

function makeUser(overrides: Partial<User> = {}): User {
  return Object.assign(
    {
      id: 'u1',
      email: 'ada@example.com',
      username: 'ada',
      passwordHash: 'hash',
      role: 'user',
      isActive: true,
      tokenVersion: 0,
    },
    overrides,
  ) as User;
}

describe(UsersService.name, () => {
  let repository: jest.Mocked<
    Pick<UsersRepository, 'insert' | 'findWithPasswordByEmail' | 'findWithPasswordById' | 'update'>
  >;
  let lockout: { attempt: jest.Mock };
  let passwords: jest.Mocked<Pick<PasswordHasher, 'hash' | 'verify' | 'verifyDummy' | 'needsRehash'>>;
  let service: UsersService;

  beforeEach(() => {
    repository = {
      insert: jest.fn(),
      findWithPasswordByEmail: jest.fn(),
      findWithPasswordById: jest.fn(),
      update: jest.fn(),
    };
    // The lock-out lets every attempt through here; its own spec covers the counting.
    lockout = { attempt: jest.fn((_scope, _account, check: () => Promise<unknown>) => check()) };
    passwords = {
      hash: jest.fn().mockResolvedValue('new-hash'),
      verify: jest.fn(),
      verifyDummy: jest.fn().mockResolvedValue(false),
      needsRehash: jest.fn().mockReturnValue(false),
    };
    service = new UsersService(
      repository as unknown as UsersRepository,
      passwords as unknown as PasswordHasher,
      {} as CursorCodec,
      {} as ResourceCache,
      lockout as unknown as AccountLockout,
      {} as DataSource,
    );
  });

  describe('register', () => {
    it('stores the email lower-cased and only a hash of the password', async () => {
      repository.insert.mockImplementation((values) => Promise.resolve(makeUser(values)));
      await service.register({ email: 'Ada@Example.COM', username: 'ada', password: 'a sturdy passphrase' });
      expect(repository.insert).toHaveBeenCalledWith({
        email: 'ada@example.com',
        username: 'ada',
        passwordHash: 'new-hash',
      });
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
      expect(passwords.verifyDummy).toHaveBeenCalledWith('guess', undefined);
    });

    it('refuses a deactivated account even with the right password', async () => {
      repository.findWithPasswordByEmail.mockResolvedValue(makeUser({ isActive: false }));
      passwords.verify.mockResolvedValue(true);
      await expect(service.verifyCredentials({ email: 'ada@example.com' }, 'right')).resolves.toBeNull();
    });

    it('upgrades a hash made with weaker parameters on a successful sign-in', async () => {
      repository.findWithPasswordByEmail.mockResolvedValue(makeUser());
      passwords.verify.mockResolvedValue(true);
      passwords.needsRehash.mockReturnValue(true);
      await expect(service.verifyCredentials({ email: 'ADA@example.com' }, 'right')).resolves.toMatchObject({
        id: 'u1',
      });
      expect(repository.findWithPasswordByEmail).toHaveBeenCalledWith('ada@example.com');
      expect(repository.update).toHaveBeenCalledWith('u1', { passwordHash: 'new-hash' });
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
      repository.findWithPasswordById.mockResolvedValue(makeUser());
      passwords.verify.mockResolvedValue(false);
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
  });
});
