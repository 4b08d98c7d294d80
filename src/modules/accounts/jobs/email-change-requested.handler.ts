import { Injectable } from '@nestjs/common';
import { Database } from '../../../database/database';
import { JobQueue } from '../../../jobs/job-queue';
import type { JobHandler } from '../../../jobs/job-queue';
import { USER_JOBS, UserAccountsService } from '../../users/user-accounts.service';
import type { EmailChangeRequestedJob } from '../../users/user-accounts.service';
import { ACCOUNT_JOB_RETRIES } from '../account-jobs';
import { AccountMailer } from '../account-mailer';

/**
 * The user asked to move to a new address: a confirmation link goes there and a notice to the
 * current address. Nothing when the request was superseded or cancelled before the job ran.
 */
@Injectable()
@JobQueue({ name: USER_JOBS.emailChangeRequested, ...ACCOUNT_JOB_RETRIES })
export class EmailChangeRequestedHandler implements JobHandler<EmailChangeRequestedJob> {
  constructor(
    private readonly users: UserAccountsService,
    private readonly mailer: AccountMailer,
    private readonly db: Database,
  ) {}

  async handle(data: EmailChangeRequestedJob): Promise<void> {
    await this.db.transaction(async (tx) => {
      const user = await this.users.findAccountContact(tx, { id: data.userId });
      if (user?.isActive && user.pendingEmail === data.newEmail) {
        await this.mailer.sendEmailChange(tx, user, data.newEmail);
      }
    });
  }
}
