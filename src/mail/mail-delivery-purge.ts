import { Injectable, Logger } from '@nestjs/common';
import { Database } from '../database/database';
import { deleteInBatches } from '../jobs/delete-in-batches';
import { JobQueue } from '../jobs/job-queue';
import type { JobHandler } from '../jobs/job-queue';
import { MailDeliveriesRepository } from './mail-deliveries.repository';

export const MAIL_DELIVERY_PURGE_QUEUE = 'mail.purge-deliveries';

/**
 * How long the record of a sent mail is kept. It stops a retried job from sending twice, which only
 * matters while the job can still be tried (its retries end within hours); the rest of the month it
 * answers "did that mail go out, and under which Message-ID?".
 */
export const MAIL_DELIVERY_RETENTION_DAYS = 30;

/** Every night (03:47 UTC, apart from the other purges): delivery records past their retention go. */
@JobQueue({ name: MAIL_DELIVERY_PURGE_QUEUE, schedule: '47 3 * * *', retryLimit: 3 })
@Injectable()
export class MailDeliveryPurge implements JobHandler {
  private readonly logger = new Logger('Mail');

  constructor(
    private readonly db: Database,
    private readonly deliveries: MailDeliveriesRepository,
  ) {}

  async handle(): Promise<void> {
    const purged = await deleteInBatches((limit) =>
      this.deliveries.deleteSentBefore(this.db.pool, MAIL_DELIVERY_RETENTION_DAYS, limit),
    );
    this.logger.log(
      `Purged ${purged} delivery record${purged === 1 ? '' : 's'} older than ${MAIL_DELIVERY_RETENTION_DAYS} days`,
    );
  }
}
