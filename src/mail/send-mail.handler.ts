import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { JobQueue } from '../jobs/job-queue';
import type { JobContext, JobHandler } from '../jobs/job-queue';
import { MailDeliveriesRepository } from './mail-deliveries.repository';
import { isMailJob, MAIL_QUEUE, messageIdOf } from './mail-job';
import type { MailJob } from './mail-job';
import { MailTemplates } from './mail-templates';
import { MailNotSentError, MailTransport } from './mail-transport';
import { MailMessageError } from './mail.errors';

/**
 * Renders and sends one queued mail, at most once per job. The delivery row is written first, in a
 * transaction that stays open while the server takes the message: if sending fails the row rolls
 * back and the throw fails the try (the queue tries again later); a second try of the same job
 * (its first one still running, or it already sent) waits for that row and then sends nothing.
 * Left over is a crash after the server took the message and before the commit: the retry sends it
 * again, under the same Message-ID, which lets the receiving side drop the repeat.
 */
@JobQueue(MAIL_QUEUE)
@Injectable()
export class SendMailHandler implements JobHandler<MailJob> {
  private readonly logger = new Logger('Mail');

  constructor(
    private readonly database: Database,
    private readonly deliveries: MailDeliveriesRepository,
    private readonly templates: MailTemplates,
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
  ) {}

  async handle(data: MailJob, job: JobContext): Promise<void> {
    if (!isMailJob(data)) {
      throw new MailMessageError(`Mail job ${job.id} does not hold a message (template, to, data)`);
    }
    const { from, messageId } = this.sender(job.id);
    const rendered = this.templates.render(data.template, data.data, this.config.appName);
    await this.database.transaction(async (tx) => {
      const claimed = await this.deliveries.claim(tx, { jobId: job.id, template: data.template, messageId });
      if (!claimed) {
        this.logger.log(`Mail job ${job.id} (${data.template}) was sent already: not sent again`);
        return;
      }
      try {
        await this.transport.send({ ...rendered, messageId, from, to: data.to, link: data.data.link });
      } catch (error) {
        const reason = error instanceof MailNotSentError ? error.message : 'the transport failed';
        this.logger.warn(`Mail job ${job.id} (${data.template}) not sent, ${this.tryOf(job)}: ${reason}`);
        throw error;
      }
    });
  }

  private sender(jobId: string) {
    const from = this.config.mailFrom;
    return { from, messageId: messageIdOf(jobId, from.address) };
  }

  /** "try 3 of 13; tried again later", or "…; no tries left" on the last one. */
  private tryOf(job: JobContext): string {
    const tries = (MAIL_QUEUE.retryLimit ?? 0) + 1;
    const attempt = job.retryCount + 1;
    const next = attempt < tries ? 'tried again later' : 'no tries left, the job fails';
    return `try ${attempt} of ${tries}; ${next}`;
  }
}
