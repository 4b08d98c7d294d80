import type { Queue } from 'pg-boss';
import type { JobQueueOptions } from './job-queue';

/** The schema pg-boss keeps its tables in, beside the app's own in `public`. */
export const JOBS_SCHEMA = 'jobs';

/**
 * What a queue gets for each option its `@JobQueue` leaves out. Ten retries with backoff from five
 * seconds span about an hour and a half (with jitter, and no single wait over an hour): long enough
 * to ride out a mail server's or a database's restart, short enough that a job that cannot succeed
 * reaches its dead-letter queue the same day.
 */
export const QUEUE_DEFAULTS = {
  retryLimit: 10,
  retryDelaySeconds: 5,
  maxRetryDelaySeconds: 60 * 60,
  expireInSeconds: 5 * 60,
} as const;

/** How long a job that ran out of tries stays in `<name>.dead` for someone to look at. */
export const DEAD_LETTER_RETENTION_SECONDS = 30 * 24 * 60 * 60;

/** pg-boss takes these characters in a queue name; `<module>.<what>` fits. */
const QUEUE_NAME = /^[a-z0-9][a-z0-9_.-]{0,99}$/;

/** Where a queue's jobs go once they ran out of tries. */
export function deadLetterQueueOf(name: string): string {
  return `${name}.dead`;
}

/** A `@JobQueue`'s options with every default filled in. */
export type ResolvedQueueOptions = Required<Omit<JobQueueOptions, 'schedule'>> &
  Pick<JobQueueOptions, 'schedule'>;

/** Fills in the defaults; refuses a name or a number that could not work, naming the queue. */
export function resolveQueueOptions(options: JobQueueOptions): ResolvedQueueOptions {
  const { name } = options;
  if (typeof name !== 'string' || !QUEUE_NAME.test(name) || name.endsWith('.dead')) {
    throw new Error(
      `@JobQueue name ${JSON.stringify(name)} is not valid: use 1-100 lower-case letters, digits, ".", "_" or "-" (e.g. "mail.send"), not ending in ".dead"`,
    );
  }
  const resolved = {
    name,
    retryLimit: options.retryLimit ?? QUEUE_DEFAULTS.retryLimit,
    retryDelaySeconds: options.retryDelaySeconds ?? QUEUE_DEFAULTS.retryDelaySeconds,
    maxRetryDelaySeconds: options.maxRetryDelaySeconds ?? QUEUE_DEFAULTS.maxRetryDelaySeconds,
    expireInSeconds: options.expireInSeconds ?? QUEUE_DEFAULTS.expireInSeconds,
    schedule: options.schedule,
  };
  const bounds: Array<[keyof typeof QUEUE_DEFAULTS, number]> = [
    ['retryLimit', 0],
    ['retryDelaySeconds', 1],
    ['maxRetryDelaySeconds', 1],
    ['expireInSeconds', 1],
  ];
  for (const [option, min] of bounds) {
    const value = resolved[option];
    if (!Number.isInteger(value) || value < min) {
      throw new Error(`@JobQueue "${name}": ${option} must be an integer of at least ${min} (got ${value})`);
    }
  }
  return resolved;
}

/** The queue as pg-boss stores it: exponential backoff, a dead-letter queue, wake-ups by NOTIFY. */
export function pgBossQueueOptions(queue: ResolvedQueueOptions): Omit<Queue, 'name'> {
  return {
    retryLimit: queue.retryLimit,
    retryDelay: queue.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: queue.maxRetryDelaySeconds,
    expireInSeconds: queue.expireInSeconds,
    deadLetter: deadLetterQueueOf(queue.name),
    notify: true,
  };
}

/** The dead-letter queue: nobody works it; its jobs stay for inspection, then go. */
export function pgBossDeadLetterOptions(): Omit<Queue, 'name'> {
  return { retentionSeconds: DEAD_LETTER_RETENTION_SECONDS, retryLimit: 0 };
}
