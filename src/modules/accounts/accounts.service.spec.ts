import type { AddressLimit } from '../../common/rate-limit/address-limit';
import type { JobsService } from '../../jobs/jobs.service';
import { AddressRateLimitedError } from '../../common/rate-limit/address-limit';
import type { Database, Transaction } from '../../database/database';
import type { AccountContact, UserAccountsService } from '../users/user-accounts.service';
import { EmailTakenError } from '../users/user-accounts.service';
import type { AccountMailer } from './account-mailer';
import { InvalidTokenError } from './accounts.errors';
import { AccountsService } from './accounts.service';
import type { OneTimeTokens } from './one-time-tokens.service';

const TX = { name: 'transaction' } as unknown as Transaction;
const USED = { userId: 'u1', email: 'ada@example.com', tokenVersion: 4 };

function makeContact(overrides: Partial<AccountContact> = {}): AccountContact {
  return {
    id: 'u1',
    email: 'ada@example.com',
    username: 'ada',
    isActive: true,
    emailVerified: true,
    pendingEmail: null,
    tokenVersion: 5,
    ...overrides,
  };
}

describe(AccountsService.name, () => {
  let tokens: jest.Mocked<Pick<OneTimeTokens, 'consume' | 'findUsable' | 'voidAll'>>;
  let users: jest.Mocked<
    Pick<
      UserAccountsService,
      | 'markEmailVerified'
      | 'applyEmailChange'
      | 'hashNewPassword'
      | 'resetPassword'
      | 'findAccountContact'
      | 'forgetAuthState'
    >
  >;
  let mailer: jest.Mocked<Pick<AccountMailer, 'sendPasswordChanged'>>;
  let jobs: { enqueue: jest.Mock };
  let addressLimit: { hit: jest.Mock };
  let service: AccountsService;

  beforeEach(() => {
    tokens = {
      consume: jest.fn().mockResolvedValue(USED),
      findUsable: jest.fn().mockResolvedValue(USED),
      voidAll: jest.fn().mockResolvedValue(undefined),
    };
    users = {
      markEmailVerified: jest.fn().mockResolvedValue(true),
      applyEmailChange: jest.fn().mockResolvedValue(true),
      hashNewPassword: jest.fn().mockResolvedValue('new-hash'),
      resetPassword: jest.fn().mockResolvedValue(true),
      findAccountContact: jest.fn().mockResolvedValue(makeContact()),
      forgetAuthState: jest.fn().mockResolvedValue(undefined),
    };
    mailer = { sendPasswordChanged: jest.fn().mockResolvedValue(undefined) };
    jobs = { enqueue: jest.fn().mockResolvedValue('job-1') };
    addressLimit = { hit: jest.fn().mockResolvedValue(undefined) };
    const db = {
      transaction: jest.fn((work: (tx: Transaction) => unknown) => work(TX)),
    } as unknown as Database;
    service = new AccountsService(
      tokens as unknown as OneTimeTokens,
      users as unknown as UserAccountsService,
      mailer as unknown as AccountMailer,
      jobs as unknown as JobsService,
      addressLimit as unknown as AddressLimit,
      db,
    );
  });

  describe('verifyEmail', () => {
    it('uses the token and verifies the address it was mailed to', async () => {
      await service.verifyEmail('the-token');
      expect(tokens.consume).toHaveBeenCalledWith(TX, 'the-token', 'email-verify');
      expect(users.markEmailVerified).toHaveBeenCalledWith(TX, 'u1', 'ada@example.com');
    });

    it('refuses a token that cannot be used', async () => {
      tokens.consume.mockResolvedValue(null);
      await expect(service.verifyEmail('bad')).rejects.toBeInstanceOf(InvalidTokenError);
      expect(users.markEmailVerified).not.toHaveBeenCalled();
    });

    it('refuses a token mailed to an address the user no longer has', async () => {
      users.markEmailVerified.mockResolvedValue(false);
      await expect(service.verifyEmail('stale')).rejects.toBeInstanceOf(InvalidTokenError);
    });
  });

  describe.each([
    ['resendVerification', 'accounts.verification-requested'],
    ['forgotPassword', 'accounts.password-reset-requested'],
  ] as const)('%s', (method, queue) => {
    it('only queues a job with the normalised address: no lookup on the request', async () => {
      await service[method]('Ada@Example.COM');
      expect(addressLimit.hit).toHaveBeenCalledWith('ada@example.com');
      expect(jobs.enqueue).toHaveBeenCalledWith(TX, queue, { email: 'ada@example.com' });
      expect(users.findAccountContact).not.toHaveBeenCalled();
    });

    it('queues nothing once the address is over its limit', async () => {
      addressLimit.hit.mockRejectedValue(
        new AddressRateLimitedError({
          name: 'address',
          limit: 1,
          remaining: 0,
          resetSeconds: 60,
          windowSeconds: 60,
        }),
      );
      await expect(service[method]('ada@example.com')).rejects.toBeInstanceOf(AddressRateLimitedError);
      expect(jobs.enqueue).not.toHaveBeenCalled();
    });
  });

  describe('resetPassword', () => {
    it('sets the hash from the version the token was issued under, mails a notice, then forgets the auth state', async () => {
      await service.resetPassword('the-token', 'a new passphrase');
      expect(users.hashNewPassword).toHaveBeenCalledWith('u1', 'a new passphrase', 'newPassword', undefined);
      expect(tokens.consume).toHaveBeenCalledWith(TX, 'the-token', 'password-reset');
      expect(users.resetPassword).toHaveBeenCalledWith(TX, 'u1', 4, 'new-hash');
      expect(mailer.sendPasswordChanged).toHaveBeenCalledWith(TX, makeContact());
      expect(users.forgetAuthState).toHaveBeenCalledWith('u1');
    });

    it('counts the mailbox the link reached as verified', async () => {
      await service.resetPassword('the-token', 'a new passphrase');
      expect(users.markEmailVerified).toHaveBeenCalledWith(TX, 'u1', 'ada@example.com');
    });

    it('refuses a bad token before any hashing', async () => {
      tokens.findUsable.mockResolvedValue(null);
      await expect(service.resetPassword('bad', 'a new passphrase')).rejects.toBeInstanceOf(
        InvalidTokenError,
      );
      expect(users.hashNewPassword).not.toHaveBeenCalled();
    });

    it('refuses a token used meanwhile, changing nothing', async () => {
      tokens.consume.mockResolvedValue(null);
      await expect(service.resetPassword('raced', 'a new passphrase')).rejects.toBeInstanceOf(
        InvalidTokenError,
      );
      expect(users.resetPassword).not.toHaveBeenCalled();
      expect(mailer.sendPasswordChanged).not.toHaveBeenCalled();
    });

    it('refuses a token issued before a password change (its version moved on)', async () => {
      users.resetPassword.mockResolvedValue(false);
      await expect(service.resetPassword('old', 'a new passphrase')).rejects.toBeInstanceOf(
        InvalidTokenError,
      );
      expect(mailer.sendPasswordChanged).not.toHaveBeenCalled();
      expect(users.forgetAuthState).not.toHaveBeenCalled();
    });
  });

  describe('confirmEmailChange', () => {
    it('moves the user to the address the token was mailed to and voids links to the old one', async () => {
      tokens.consume.mockResolvedValue({ ...USED, email: 'new@example.com' });
      await service.confirmEmailChange('the-token');
      expect(tokens.consume).toHaveBeenCalledWith(TX, 'the-token', 'email-change');
      expect(users.applyEmailChange).toHaveBeenCalledWith(TX, 'u1', 'new@example.com');
      expect(tokens.voidAll).toHaveBeenCalledWith(TX, 'u1', 'email-verify');
      expect(tokens.voidAll).toHaveBeenCalledWith(TX, 'u1', 'password-reset');
    });

    it('refuses a token whose address is no longer the pending one', async () => {
      users.applyEmailChange.mockResolvedValue(false);
      await expect(service.confirmEmailChange('stale')).rejects.toBeInstanceOf(InvalidTokenError);
      expect(tokens.voidAll).not.toHaveBeenCalled();
    });

    it('passes EMAIL_TAKEN on', async () => {
      users.applyEmailChange.mockRejectedValue(new EmailTakenError());
      await expect(service.confirmEmailChange('the-token')).rejects.toBeInstanceOf(EmailTakenError);
    });
  });
});
