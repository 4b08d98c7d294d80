import { Injectable, Logger } from '@nestjs/common';
import { Database } from '../../database/database';
import { deleteInBatches } from '../../jobs/delete-in-batches';
import type { JobHandler } from '../../jobs/job-queue';
import { JobQueue } from '../../jobs/job-queue';
import { RefreshTokensRepository } from './refresh-tokens.repository';

export const REFRESH_TOKEN_PURGE_QUEUE = 'auth.purge-refresh-tokens';

/**
 * Every night (03:17 UTC, off the hour when other schedules pile up), removes the sign-ins whose
 * refresh tokens have all expired: they can never be used again, and would only grow the tables.
 */
@JobQueue({ name: REFRESH_TOKEN_PURGE_QUEUE, schedule: '17 3 * * *', retryLimit: 3 })
@Injectable()
export class RefreshTokenPurge implements JobHandler {
  private readonly logger = new Logger(RefreshTokenPurge.name);

  constructor(
    private readonly db: Database,
    private readonly refreshTokens: RefreshTokensRepository,
  ) {}

  async handle(): Promise<void> {
    const purged = await deleteInBatches((limit) =>
      this.refreshTokens.deleteExpiredFamilies(this.db.pool, limit),
    );
    this.logger.log(`Purged ${purged} expired sign-in${purged === 1 ? '' : 's'} (refresh token families)`);
  }
}
