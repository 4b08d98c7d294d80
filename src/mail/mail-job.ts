import type { JobQueueOptions } from '../jobs/job-queue';
import type { MailMessage } from './mail.service';

/**
 * The queue of outgoing mail. The first retry waits 30 s, each further one about twice as long
 * (pg-boss adds up to as much again at random, and no wait is longer than a day): 12 retries span
 * 34 hours at the least, the last one 17 hours or more after the one before, so a mail server down
 * for hours (a night, a weekend day) delays mail without losing it, and after an outage of h hours
 * the mail goes out within about another h hours. A try is failed after 2 minutes, far beyond the
 * transport's own timeouts, so a hung try is failed and retried rather than held.
 */
export const MAIL_QUEUE: JobQueueOptions = {
  name: 'mail.send',
  retryLimit: 12,
  retryDelaySeconds: 30,
  maxRetryDelaySeconds: 24 * 60 * 60,
  expireInSeconds: 120,
};

/** A job's data is the message as it was queued. */
export type MailJob = MailMessage;

/** `<job-id@sender-domain>`: what a receiver sees on every try of one job, so it can drop a repeat. */
export function messageIdOf(jobId: string, senderAddress: string): string {
  const domain = senderAddress.slice(senderAddress.lastIndexOf('@') + 1) || 'localhost';
  return `<${jobId}@${domain}>`;
}

/** The job's data as stored: the queue holds JSON, so its shape is checked where it comes out. */
export function isMailJob(data: unknown): data is MailJob {
  if (typeof data !== 'object' || data === null) {
    return false;
  }
  const { template, to, data: values } = data as Record<string, unknown>;
  return (
    typeof template === 'string' &&
    typeof to === 'string' &&
    typeof values === 'object' &&
    values !== null &&
    Object.values(values).every((value) => typeof value === 'string')
  );
}
