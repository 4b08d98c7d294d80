import { Injectable } from '@nestjs/common';
import { Database } from '../../../database/database';
import { JobQueue } from '../../../jobs/job-queue';
import type { JobHandler } from '../../../jobs/job-queue';
import { UserAccountsService } from '../../users/user-accounts.service';
import { ACCOUNT_JOB_RETRIES, ACCOUNT_JOBS } from '../account-jobs';
import type { AddressJob } from '../account-jobs';
import { AccountMailer } from '../account-mailer';

/**
 * A new verification link was asked for an address: mailed if an active account has it and it is
 * not verified yet; nothing otherwise (the request said the same either way).
 */
@Injectable()
@JobQueue({ name: ACCOUNT_JOBS.verificationRequested, ...ACCOUNT_JOB_RETRIES })
export class VerificationRequestedHandler implements JobHandler<AddressJob> {
  constructor(
    private readonly users: UserAccountsService,
    private readonly mailer: AccountMailer,
    private readonly db: Database,
  ) {}

  async handle(data: AddressJob): Promise<void> {
    await this.db.transaction(async (tx) => {
      const user = await this.users.findAccountContact(tx, { email: data.email });
      if (user?.isActive && !user.emailVerified) {
        await this.mailer.sendVerification(tx, user);
      }
    });
  }
}
