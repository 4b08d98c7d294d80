import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import type { Transaction } from '../database/database';
import { JobsService } from '../jobs/jobs.service';
import { MAIL_QUEUE } from './mail-job';
import { MailTemplates } from './mail-templates';
import { MailMessageError } from './mail.errors';

/**
 * One message: a template's name and the values it shows. `APP_NAME` is given to every template
 * as `appName`; a `link` value is also logged in development, so a person can click through.
 */
export interface MailMessage {
  template: string;
  to: string;
  data: Record<string, string>;
}

/** Outgoing mail, through the job queue: see SendMailHandler for how it is sent. */
@Injectable()
export class MailService {
  constructor(
    private readonly jobs: JobsService,
    private readonly templates: MailTemplates,
  ) {}

  /**
   * Queues the message in the caller's transaction; it goes out after the commit, retried until it
   * does. A template that does not exist, a value it reads and was not given or one it does not read,
   * and a recipient that is no address are refused here (MailMessageError: a bug in the caller), so
   * nothing is queued that could never be sent.
   */
  async enqueue(tx: Transaction, message: MailMessage): Promise<void> {
    this.templates.check(message.template, message.data);
    if (!isEmail(message.to)) {
      throw new MailMessageError(`The recipient of a "${message.template}" mail is not an email address`);
    }
    const { template, to, data } = message;
    await this.jobs.enqueue(tx, MAIL_QUEUE.name, { template, to, data: { ...data } });
  }

  /** The names of every template, for tools and tests. */
  templateNames(): string[] {
    return this.templates.names();
  }
}
