import { Injectable } from '@nestjs/common';
import { Database } from '../../../database/database';
import { JobQueue } from '../../../jobs/job-queue';
import type { JobHandler } from '../../../jobs/job-queue';
import { UserAccountsService } from '../../users/user-accounts.service';
import { ACCOUNT_JOB_RETRIES, ACCOUNT_JOBS } from '../account-jobs';
import type { AddressJob } from '../account-jobs';
import { AccountMailer } from '../account-mailer';

/**
 * A password-reset link was asked for an address: mailed if an active account has it; nothing
 * otherwise. The lookup happens here, off the request, so the request takes as long either way.
 */
@Injectable()
@JobQueue({ name: ACCOUNT_JOBS.passwordResetRequested, ...ACCOUNT_JOB_RETRIES })
export class PasswordResetRequestedHandler implements JobHandler<AddressJob> {
  constructor(
    private readonly users: UserAccountsService,
    private readonly mailer: AccountMailer,
    private readonly db: Database,
  ) {}

  async handle(data: AddressJob): Promise<void> {
    await this.db.transaction(async (tx) => {
      const user = await this.users.findAccountContact(tx, { email: data.email });
      if (user?.isActive) {
        await this.mailer.sendPasswordReset(tx, user);
      }
    });
  }
}
