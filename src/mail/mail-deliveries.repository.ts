import { Injectable } from '@nestjs/common';
import type { Db, Transaction } from '../database/database';
import { MailDelivery } from './mail-delivery.entity';

export type NewMailDelivery = Pick<MailDelivery, 'jobId' | 'template' | 'messageId'>;

/** TypeORM statements on `mail_deliveries`, nothing else. */
@Injectable()
export class MailDeliveriesRepository {
  /**
   * Records the delivery unless it is recorded already: true when this transaction's row is the one.
   * The row stays locked until the transaction ends, so another try of the same job waits here for
   * it, then finds the row (it committed) or takes its place (it rolled back).
   */
  async claim(tx: Transaction, values: NewMailDelivery): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(MailDelivery)
      .values(values)
      .orIgnore()
      .returning(['jobId'])
      .execute();
    return Array.isArray(result.raw) && result.raw.length === 1;
  }

  /** Deletes at most `limit` deliveries sent more than `days` days ago; how many it deleted. */
  async deleteSentBefore(db: Db, days: number, limit: number): Promise<number> {
    const old = db
      .createQueryBuilder(MailDelivery, 'd')
      .select('d.jobId')
      .where('d.sentAt < now() - make_interval(days => :days)', { days })
      .limit(limit);
    const result = await db
      .createQueryBuilder()
      .delete()
      .from(MailDelivery)
      .where(`job_id IN (${old.getQuery()})`)
      .setParameters(old.getParameters())
      .execute();
    return result.affected ?? 0;
  }

  findByJobId(db: Db, jobId: string): Promise<MailDelivery | null> {
    return db.getRepository(MailDelivery).findOneBy({ jobId });
  }
}
