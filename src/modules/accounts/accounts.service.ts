import { Injectable } from '@nestjs/common';
import { AddressLimit } from '../../common/rate-limit/address-limit';
import { Database } from '../../database/database';
import { JobsService } from '../../jobs/jobs.service';
import { UserAccountsService } from '../users/user-accounts.service';
import type { AccountContact } from '../users/user-accounts.service';
import { normalizeEmail } from '../users/dto/user-fields';
import { ACCOUNT_JOBS } from './account-jobs';
import type { AddressJob } from './account-jobs';
import { AccountMailer } from './account-mailer';
import { InvalidTokenError } from './accounts.errors';
import { OneTimeTokens } from './one-time-tokens.service';

/**
 * The account flows behind the mailed links: email verification, password recovery, email
 * change. A request by address only queues a job (the job looks the account up), so it answers
 * alike, in body and time, for known and unknown addresses. A link's token is used in the
 * transaction of the change it makes, so a failed change leaves it usable and two uses at once
 * make one change.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly tokens: OneTimeTokens,
    private readonly users: UserAccountsService,
    private readonly mailer: AccountMailer,
    private readonly jobs: JobsService,
    private readonly addressLimit: AddressLimit,
    private readonly db: Database,
  ) {}

  /** The address the token was mailed to is verified, if it is still the user's. */
  async verifyEmail(token: string): Promise<void> {
    const verified = await this.db.transaction(async (tx) => {
      const used = await this.tokens.consume(tx, token, 'email-verify');
      return used !== null && (await this.users.markEmailVerified(tx, used.userId, used.email));
    });
    if (!verified) {
      throw new InvalidTokenError();
    }
  }

  /** Queues a new verification link for the address (sent only if an unverified account has it). */
  async resendVerification(email: string): Promise<void> {
    await this.requestByAddress(ACCOUNT_JOBS.verificationRequested, email);
  }

  /** Queues a password-reset link for the address (sent only if an active account has it). */
  async forgotPassword(email: string): Promise<void> {
    await this.requestByAddress(ACCOUNT_JOBS.passwordResetRequested, email);
  }

  /**
   * Sets the new password if the token is still good and no password change happened since it
   * was issued, signs the user out everywhere (the token version moves on) and tells the user by
   * mail. The link reached the user's mailbox, so its address counts as verified too. A bad token
   * is refused before the slow hash.
   */
  async resetPassword(token: string, newPassword: string, signal?: AbortSignal): Promise<void> {
    const usable = await this.tokens.findUsable(token, 'password-reset');
    if (!usable) {
      throw new InvalidTokenError();
    }
    const passwordHash = await this.users.hashNewPassword(usable.userId, newPassword, 'newPassword', signal);
    const user = await this.db.transaction(async (tx): Promise<AccountContact | null> => {
      const used = await this.tokens.consume(tx, token, 'password-reset');
      if (!used || !(await this.users.resetPassword(tx, used.userId, used.tokenVersion, passwordHash))) {
        return null;
      }
      await this.users.markEmailVerified(tx, used.userId, used.email);
      const changed = await this.users.findAccountContact(tx, { id: used.userId });
      if (changed) {
        await this.mailer.sendPasswordChanged(tx, changed);
      }
      return changed;
    });
    if (!user) {
      throw new InvalidTokenError();
    }
    await this.users.forgetAuthState(user.id);
  }

  /**
   * Moves the user to the address the token was mailed to, if that is still its pending one
   * (EMAIL_TAKEN if another account took it meanwhile: the token stays usable). Links mailed to
   * the old address (verification, password reset) stop working.
   */
  async confirmEmailChange(token: string): Promise<void> {
    const changed = await this.db.transaction(async (tx) => {
      const used = await this.tokens.consume(tx, token, 'email-change');
      if (!used || !(await this.users.applyEmailChange(tx, used.userId, used.email))) {
        return false;
      }
      await this.tokens.voidAll(tx, used.userId, 'email-verify');
      await this.tokens.voidAll(tx, used.userId, 'password-reset');
      return true;
    });
    if (!changed) {
      throw new InvalidTokenError();
    }
  }

  private async requestByAddress(queue: string, email: string): Promise<void> {
    const address = normalizeEmail(email);
    await this.addressLimit.hit(address);
    await this.db.transaction((tx) => this.jobs.enqueue<AddressJob>(tx, queue, { email: address }));
  }
}
