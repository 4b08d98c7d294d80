import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'pg-boss';
import { AppConfig } from '../config/app-config';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { MetricsRegistry } from '../metrics/metrics.registry';
import { JobBoss } from './job-boss';
import type { RegisteredQueue } from './job-handlers';
import { JobHandlers } from './job-handlers';
import { deadLetterQueueOf } from './queue-settings';

/** Base poll of a queue whose wake-ups do not arrive (no LISTEN, e.g. behind PgBouncer), and for retries. */
const POLLING_INTERVAL_SECONDS = 1;
/**
 * The poll while wake-ups do arrive. A new job wakes a worker at once; a retry or a deferred job
 * sends none when it comes due, so this is how late at most it starts.
 */
const NOTIFY_POLLING_INTERVAL_SECONDS = 2;
/** What is left of SHUTDOWN_GRACE after the handlers, to close pools and write the last log lines. */
const CLOSE_MARGIN_MS = 1_000;
/** pg-boss waits at least this long for running handlers. */
const MIN_STOP_TIMEOUT_MS = 1_000;

/**
 * With JOBS_WORKER (the default), runs every `@JobQueue` handler here: one job at a time per queue
 * and process. On SIGTERM it stops taking jobs at once; when the app closes, the running ones get
 * what is left of SHUTDOWN_GRACE, then are failed (and retried elsewhere). It stops before any
 * `onApplicationShutdown` hook, where the database pool and Redis close, so a handler can use them
 * to the end.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private shutdownBeganAt?: number;

  constructor(
    private readonly config: AppConfig,
    private readonly boss: JobBoss,
    private readonly handlers: JobHandlers,
    private readonly metrics: MetricsRegistry,
    private readonly shutdown: ShutdownState,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const boss = await this.boss.ready();
    if (!this.config.jobsWorker) {
      return;
    }
    for (const queue of this.handlers.queues.values()) {
      await boss.work(
        queue.options.name,
        {
          pollingIntervalSeconds: POLLING_INTERVAL_SECONDS,
          notifyPollingIntervalSeconds: NOTIFY_POLLING_INTERVAL_SECONDS,
        },
        ([job]: Job<object>[]) => this.run(queue, job),
      );
    }
    this.shutdown.onShutdown(() => {
      this.shutdownBeganAt = Date.now();
      for (const name of this.handlers.queues.keys()) {
        void boss.offWork(name, { wait: false }).catch(() => undefined);
      }
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    const began = this.shutdownBeganAt ?? Date.now();
    const left = this.config.shutdownGrace * 1000 - (Date.now() - began) - CLOSE_MARGIN_MS;
    await this.boss.stop(Math.max(left, MIN_STOP_TIMEOUT_MS));
  }

  /**
   * One try of one job. A throw fails the try: one log line (the error's message, never its stack
   * or properties), and pg-boss stores only that message on the job before it retries it or, out
   * of tries, moves it to the dead-letter queue.
   */
  private async run({ options, handler }: RegisteredQueue, job: Job<object>): Promise<void> {
    const queue = options.name;
    try {
      await handler.handle(job.data, { id: job.id, queue, retryCount: job.retryCount });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.metrics.jobsFailed.inc({ queue });
      const tries = job.retryCount + 1;
      if (job.retryCount >= options.retryLimit) {
        this.logger.error(
          `Job ${queue} ${job.id} failed (try ${tries}, the last): ${message}; kept in ${deadLetterQueueOf(queue)}`,
        );
      } else {
        this.logger.warn(
          `Job ${queue} ${job.id} failed (try ${tries} of ${options.retryLimit + 1}): ${message}; retrying`,
        );
      }
      throw messageOnly(message);
    }
    this.metrics.jobsCompleted.inc({ queue });
  }
}

/** An error pg-boss can store with the job: the message, no stack, no SQL nor parameters. */
function messageOnly(message: string): Error {
  const error = new Error(message);
  error.stack = `Error: ${message}`;
  return error;
}
