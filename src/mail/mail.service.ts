import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/database';

/**
 * One message: a template's name and the values it shows. `APP_NAME` is given to every template
 * as `appName`; a `link` value is also logged in development, so a person can click through.
 */
export interface MailMessage {
  template: string;
  to: string;
  data: Record<string, string>;
}

/** INTERFACE ONLY in this base commit: the mail branch implements it. */
@Injectable()
export class MailService {
  /** Queues the message in the caller's transaction; it goes out after the commit, retried until it does. */
  enqueue(tx: Transaction, message: MailMessage): Promise<void> {
    void tx;
    void message;
    throw new Error('MailService.enqueue: implemented on the mail branch');
  }
}
