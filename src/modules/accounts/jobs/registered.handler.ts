import { Injectable } from '@nestjs/common';
import { Database } from '../../../database/database';
import { JobQueue } from '../../../jobs/job-queue';
import type { JobHandler } from '../../../jobs/job-queue';
import { USER_JOBS, UserAccountsService } from '../../users/user-accounts.service';
import type { RegisteredJob } from '../../users/user-accounts.service';
import { ACCOUNT_JOB_RETRIES } from '../account-jobs';
import { AccountMailer } from '../account-mailer';

/** A new account: mails its verification link (unless it is verified or gone by then). */
@Injectable()
@JobQueue({ name: USER_JOBS.registered, ...ACCOUNT_JOB_RETRIES })
export class RegisteredHandler implements JobHandler<RegisteredJob> {
  constructor(
    private readonly users: UserAccountsService,
    private readonly mailer: AccountMailer,
    private readonly db: Database,
  ) {}

  async handle(data: RegisteredJob): Promise<void> {
    await this.db.transaction(async (tx) => {
      const user = await this.users.findAccountContact(tx, { id: data.userId });
      if (user?.isActive && !user.emailVerified) {
        await this.mailer.sendVerification(tx, user);
      }
    });
  }
}
