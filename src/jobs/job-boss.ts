import { Injectable, Logger } from '@nestjs/common';
import { PgBoss } from 'pg-boss';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { withSchemaLock } from '../database/run-migrations';
import { JobHandlers } from './job-handlers';
import {
  deadLetterQueueOf,
  JOBS_SCHEMA,
  pgBossDeadLetterOptions,
  pgBossQueueOptions,
} from './queue-settings';
import { RepeatFilter } from './repeat-filter';

/** pg-boss's own connections: the workers' fetches, its maintenance; handlers use the app's pool. */
const POOL_SIZE = 4;
/** The same complaint from pg-boss (a poll failing while the database is down) at most once a minute. */
const REPEAT_WINDOW_MS = 60_000;
/** Schedules are evaluated in UTC, whatever the server's time zone. */
const SCHEDULE_TIME_ZONE = 'UTC';

/**
 * The one pg-boss instance of the process, on the app's database in schema `jobs`. Started on
 * first use (by the workers at bootstrap, or by an enqueue that comes first): its schema install or
 * upgrade and the creation of every queue run under the schema lock the migrations take, so
 * instances starting together on an empty database do it once, one after the other.
 */
@Injectable()
export class JobBoss {
  private readonly logger = new Logger('Jobs');
  private readonly repeats = new RepeatFilter(REPEAT_WINDOW_MS);
  private readonly boss: PgBoss;
  private starting?: Promise<PgBoss>;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly handlers: JobHandlers,
  ) {
    this.boss = new PgBoss({
      connectionString: config.databaseUrl,
      schema: JOBS_SCHEMA,
      max: POOL_SIZE,
      application_name: 'strata-jobs',
      connectionTimeoutMillis: config.dbConnectTimeout * 1000,
      // Workers wake when a job commits instead of waiting for their next poll.
      useListenNotify: true,
      migrate: true,
      // Maintenance (expiring stalled jobs) and turning schedules into jobs belong to the
      // processes that run jobs; pg-boss makes each happen once across all of them.
      supervise: config.jobsWorker,
      schedule: config.jobsWorker,
      instanceName: config.jobsWorker ? 'strata-worker' : 'strata-api',
    });
    // Unheard, an `error` event would crash the process; each is one line, without a stack.
    this.boss.on('error', (error) => this.report('error', error.message));
    this.boss.on('warning', (warning) => this.report('warn', warning.message));
  }

  /** The started instance; starts it the first time. */
  ready(): Promise<PgBoss> {
    this.starting ??= this.start();
    return this.starting;
  }

  get started(): boolean {
    return this.starting !== undefined;
  }

  /** Lets running handlers finish for up to `timeoutMs`, fails (to retry) what is left, closes the pool. */
  async stop(timeoutMs: number): Promise<void> {
    if (this.starting === undefined) {
      return;
    }
    await this.starting.catch(() => undefined);
    await this.boss.stop({ graceful: true, timeout: timeoutMs });
  }

  private async start(): Promise<PgBoss> {
    await withSchemaLock(this.dataSource, async () => {
      await this.boss.start();
      await this.createQueues();
    });
    return this.boss;
  }

  /**
   * Each queue and its dead-letter queue, with the options its `@JobQueue` gives now (a changed
   * option applies at the next start), and its schedule, or none if it no longer has one.
   */
  private async createQueues(): Promise<void> {
    for (const { options } of this.handlers.queues.values()) {
      const deadLetter = deadLetterQueueOf(options.name);
      await this.boss.createQueue(deadLetter, pgBossDeadLetterOptions());
      await this.boss.updateQueue(deadLetter, pgBossDeadLetterOptions());
      await this.boss.createQueue(options.name, pgBossQueueOptions(options));
      await this.boss.updateQueue(options.name, pgBossQueueOptions(options));
      if (options.schedule === undefined) {
        await this.boss.unschedule(options.name);
      } else {
        await this.boss
          .schedule(options.name, options.schedule, {}, { tz: SCHEDULE_TIME_ZONE })
          .catch((error: Error) => {
            throw new Error(
              `@JobQueue "${options.name}": schedule "${options.schedule}" is not valid: ${error.message}`,
            );
          });
      }
    }
  }

  private report(level: 'error' | 'warn', message: string): void {
    if (this.repeats.shouldShow(message)) {
      this.logger[level](`pg-boss: ${message}`);
    }
  }
}
