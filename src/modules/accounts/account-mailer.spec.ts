import type { AppConfig } from '../../config/app-config';
import type { MailService } from '../../mail/mail.service';
import type { Database, Transaction } from '../../database/database';
import type { AccountContact, UserAccountsService } from '../users/user-accounts.service';
import { AccountMailer } from './account-mailer';
import { EmailChangeRequestedHandler } from './jobs/email-change-requested.handler';
import { PasswordResetRequestedHandler } from './jobs/password-reset-requested.handler';
import { RegisteredHandler } from './jobs/registered.handler';
import { VerificationRequestedHandler } from './jobs/verification-requested.handler';
import type { OneTimeTokens } from './one-time-tokens.service';

const TX = { name: 'transaction' } as unknown as Transaction;
const CONFIG = {
  emailVerifyUrl: 'https://app.example/verify?token={token}',
  passwordResetUrl: 'https://app.example/reset/{token}',
  emailChangeUrl: 'https://app.example/change#{token}',
  emailVerifyTtl: 172800,
  passwordResetTtl: 3600,
  emailChangeTtl: 86400,
} as AppConfig;

function makeContact(overrides: Partial<AccountContact> = {}): AccountContact {
  return {
    id: 'u1',
    email: 'ada@example.com',
    username: 'ada',
    isActive: true,
    emailVerified: false,
    pendingEmail: null,
    tokenVersion: 2,
    ...overrides,
  };
}

describe(AccountMailer.name, () => {
  let tokens: { issue: jest.Mock };
  let mail: { enqueue: jest.Mock };
  let mailer: AccountMailer;

  beforeEach(() => {
    tokens = { issue: jest.fn().mockResolvedValue('tok') };
    mail = { enqueue: jest.fn().mockResolvedValue(undefined) };
    mailer = new AccountMailer(tokens as unknown as OneTimeTokens, mail as unknown as MailService, CONFIG);
  });

  it('mails a verification link to the current address, with a token for it', async () => {
    await mailer.sendVerification(TX, makeContact());
    expect(tokens.issue).toHaveBeenCalledWith(TX, {
      userId: 'u1',
      purpose: 'email-verify',
      email: 'ada@example.com',
      tokenVersion: 2,
      ttlSeconds: 172800,
    });
    expect(mail.enqueue).toHaveBeenCalledWith(TX, {
      template: 'verify-email',
      to: 'ada@example.com',
      data: { username: 'ada', link: 'https://app.example/verify?token=tok' },
    });
  });

  it('mails a reset link saying how long it lasts, bound to the current token version', async () => {
    await mailer.sendPasswordReset(TX, makeContact());
    expect(tokens.issue).toHaveBeenCalledWith(
      TX,
      expect.objectContaining({ purpose: 'password-reset', tokenVersion: 2, ttlSeconds: 3600 }),
    );
    expect(mail.enqueue).toHaveBeenCalledWith(TX, {
      template: 'password-reset',
      to: 'ada@example.com',
      data: { username: 'ada', link: 'https://app.example/reset/tok', expiresIn: '1 hour' },
    });
  });

  it('mails the confirmation to the new address and the notice to the old one', async () => {
    await mailer.sendEmailChange(TX, makeContact(), 'new@example.com');
    expect(tokens.issue).toHaveBeenCalledWith(
      TX,
      expect.objectContaining({ purpose: 'email-change', email: 'new@example.com' }),
    );
    expect(mail.enqueue).toHaveBeenCalledWith(TX, {
      template: 'email-change-confirm',
      to: 'new@example.com',
      data: { username: 'ada', newEmail: 'new@example.com', link: 'https://app.example/change#tok' },
    });
    expect(mail.enqueue).toHaveBeenCalledWith(TX, {
      template: 'email-change-notice',
      to: 'ada@example.com',
      data: { username: 'ada', newEmail: 'new@example.com' },
    });
  });
});

describe('account job handlers', () => {
  let users: { findAccountContact: jest.Mock };
  let mailer: jest.Mocked<Pick<AccountMailer, 'sendVerification' | 'sendPasswordReset' | 'sendEmailChange'>>;
  let db: Database;

  beforeEach(() => {
    users = { findAccountContact: jest.fn().mockResolvedValue(makeContact()) };
    mailer = {
      sendVerification: jest.fn().mockResolvedValue(undefined),
      sendPasswordReset: jest.fn().mockResolvedValue(undefined),
      sendEmailChange: jest.fn().mockResolvedValue(undefined),
    };
    db = { transaction: jest.fn((work: (tx: Transaction) => unknown) => work(TX)) } as unknown as Database;
  });

  const deps = () =>
    [users as unknown as UserAccountsService, mailer as unknown as AccountMailer, db] as const;

  it('mails a new account its verification link, looking it up in the same transaction', async () => {
    await new RegisteredHandler(...deps()).handle({ userId: 'u1' });
    expect(users.findAccountContact).toHaveBeenCalledWith(TX, { id: 'u1' });
    expect(mailer.sendVerification).toHaveBeenCalledWith(TX, makeContact());
  });

  it.each([
    ['verified meanwhile', makeContact({ emailVerified: true })],
    ['deactivated', makeContact({ isActive: false })],
    ['gone', null],
  ])('mails no verification link to an account %s', async (_, contact) => {
    users.findAccountContact.mockResolvedValue(contact);
    await new RegisteredHandler(...deps()).handle({ userId: 'u1' });
    await new VerificationRequestedHandler(...deps()).handle({ email: 'ada@example.com' });
    expect(mailer.sendVerification).not.toHaveBeenCalled();
  });

  it('resends a verification link to an unverified account found by its address', async () => {
    await new VerificationRequestedHandler(...deps()).handle({ email: 'ada@example.com' });
    expect(users.findAccountContact).toHaveBeenCalledWith(TX, { email: 'ada@example.com' });
    expect(mailer.sendVerification).toHaveBeenCalledWith(TX, makeContact());
  });

  it('mails a reset link to an active account and does nothing for an unknown address', async () => {
    const handler = new PasswordResetRequestedHandler(...deps());
    await handler.handle({ email: 'ada@example.com' });
    expect(mailer.sendPasswordReset).toHaveBeenCalledWith(TX, makeContact());
    mailer.sendPasswordReset.mockClear();
    users.findAccountContact.mockResolvedValue(null);
    await handler.handle({ email: 'nobody@example.com' });
    expect(mailer.sendPasswordReset).not.toHaveBeenCalled();
  });

  it('mails an email change only while it is still the pending one', async () => {
    const handler = new EmailChangeRequestedHandler(...deps());
    users.findAccountContact.mockResolvedValue(makeContact({ pendingEmail: 'new@example.com' }));
    await handler.handle({ userId: 'u1', newEmail: 'new@example.com' });
    expect(mailer.sendEmailChange).toHaveBeenCalledWith(
      TX,
      makeContact({ pendingEmail: 'new@example.com' }),
      'new@example.com',
    );
    mailer.sendEmailChange.mockClear();
    users.findAccountContact.mockResolvedValue(makeContact({ pendingEmail: 'newer@example.com' }));
    await handler.handle({ userId: 'u1', newEmail: 'new@example.com' });
    expect(mailer.sendEmailChange).not.toHaveBeenCalled();
  });
});
