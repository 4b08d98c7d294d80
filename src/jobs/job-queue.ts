import { SetMetadata } from '@nestjs/common';

/** What a handler learns about the job it runs. */
export interface JobContext {
  id: string;
  queue: string;
  /** 0 on the first try. */
  retryCount: number;
}

/** A provider that runs the jobs of one queue; mark it with `@JobQueue`. */
export interface JobHandler<T extends object = object> {
  /** Resolves when the job is done; a throw fails this try (retried, then dead-lettered). */
  handle(data: T, job: JobContext): Promise<void>;
}

export interface JobQueueOptions {
  /** The queue's name, `<module>.<what>` (e.g. `mail.send`). */
  name: string;
  /** Tries after the first one before the job goes to the dead-letter queue. */
  retryLimit?: number;
  /** Wait before the first retry, doubled at each further one (exponential backoff). */
  retryDelaySeconds?: number;
  /** The longest wait between two tries, however many came before (default: an hour). */
  maxRetryDelaySeconds?: number;
  /** A try running longer than this is failed (and retried). */
  expireInSeconds?: number;
  /** A cron expression (UTC): one job per tick, across every instance. */
  schedule?: string;
}

export const JOB_QUEUE = Symbol('strata:job-queue');

/** Marks a provider as the handler of a queue; the jobs module finds it at startup. */
export const JobQueue = (options: JobQueueOptions): ClassDecorator => SetMetadata(JOB_QUEUE, options);
