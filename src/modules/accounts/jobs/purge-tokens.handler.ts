import { Injectable, Logger } from '@nestjs/common';
import { JobQueue } from '../../../jobs/job-queue';
import type { JobHandler } from '../../../jobs/job-queue';
import { ACCOUNT_JOBS } from '../account-jobs';
import { OneTimeTokens } from '../one-time-tokens.service';

/** Every day at 03:17 UTC (off the hour most schedules pick): spent one-time tokens are deleted. */
@Injectable()
@JobQueue({ name: ACCOUNT_JOBS.purgeTokens, schedule: '17 3 * * *', retryLimit: 3, retryDelaySeconds: 60 })
export class PurgeTokensHandler implements JobHandler {
  private readonly logger = new Logger(PurgeTokensHandler.name);

  constructor(private readonly tokens: OneTimeTokens) {}

  async handle(): Promise<void> {
    const deleted = await this.tokens.purgeSpent();
    this.logger.log(`Deleted ${deleted} spent one-time tokens`);
  }
}
