import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import type { Transaction } from '../../database/database';
import { MailService } from '../../mail/mail.service';
import type { AccountContact } from '../users/user-accounts.service';
import { humanDuration, linkWithToken } from './account-links';
import { OneTimeTokens } from './one-time-tokens.service';

/**
 * The mails of the account flows, each with the token its link carries, in the caller's
 * transaction: the token and the mail job commit together, or neither does.
 */
@Injectable()
export class AccountMailer {
  constructor(
    private readonly tokens: OneTimeTokens,
    private readonly mail: MailService,
    private readonly config: AppConfig,
  ) {}

  /** A link that verifies the user's current address. */
  async sendVerification(tx: Transaction, user: AccountContact): Promise<void> {
    const token = await this.tokens.issue(tx, {
      userId: user.id,
      purpose: 'email-verify',
      email: user.email,
      tokenVersion: user.tokenVersion,
      ttlSeconds: this.config.emailVerifyTtl,
    });
    await this.mail.enqueue(tx, {
      template: 'verify-email',
      to: user.email,
      data: { username: user.username, link: linkWithToken(this.config.emailVerifyUrl, token) },
    });
  }

  /** A link that sets a new password, void once the password changes by any means. */
  async sendPasswordReset(tx: Transaction, user: AccountContact): Promise<void> {
    const token = await this.tokens.issue(tx, {
      userId: user.id,
      purpose: 'password-reset',
      email: user.email,
      tokenVersion: user.tokenVersion,
      ttlSeconds: this.config.passwordResetTtl,
    });
    await this.mail.enqueue(tx, {
      template: 'password-reset',
      to: user.email,
      data: {
        username: user.username,
        link: linkWithToken(this.config.passwordResetUrl, token),
        expiresIn: humanDuration(this.config.passwordResetTtl),
      },
    });
  }

  /** A confirmation link to the new address, and a notice to the current one. */
  async sendEmailChange(tx: Transaction, user: AccountContact, newEmail: string): Promise<void> {
    const token = await this.tokens.issue(tx, {
      userId: user.id,
      purpose: 'email-change',
      email: newEmail,
      tokenVersion: user.tokenVersion,
      ttlSeconds: this.config.emailChangeTtl,
    });
    await this.mail.enqueue(tx, {
      template: 'email-change-confirm',
      to: newEmail,
      data: { username: user.username, newEmail, link: linkWithToken(this.config.emailChangeUrl, token) },
    });
    await this.mail.enqueue(tx, {
      template: 'email-change-notice',
      to: user.email,
      data: { username: user.username, newEmail },
    });
  }

  /** Tells the user its password was changed (by a reset), in case it was not them. */
  async sendPasswordChanged(tx: Transaction, user: AccountContact): Promise<void> {
    await this.mail.enqueue(tx, {
      template: 'password-changed',
      to: user.email,
      data: { username: user.username },
    });
  }
}
