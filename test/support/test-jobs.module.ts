import { Injectable, Module } from '@nestjs/common';
import type { PgBoss } from 'pg-boss';
import { DataSource } from 'typeorm';
import { Database } from '../../src/database/database';
import type { JobContext, JobHandler } from '../../src/jobs/job-queue';
import { JobQueue } from '../../src/jobs/job-queue';
import { JobBoss } from '../../src/jobs/job-boss';
import { JobsService } from '../../src/jobs/jobs.service';
import type { INestApplicationContext } from '@nestjs/common';

export interface HandledJob {
  queue: string;
  id: string;
  retryCount: number;
  data: { tag?: string; [key: string]: unknown };
  startedAt: number;
  endedAt: number;
}

/** What this app instance's test handlers did: each try, as it began and ended. */
@Injectable()
export class JobLog {
  readonly tries: HandledJob[] = [];
  readonly started: string[] = [];

  handledOf(queue: string): HandledJob[] {
    return this.tries.filter((handled) => handled.queue === queue);
  }
}

async function logged(
  log: JobLog,
  job: JobContext,
  data: HandledJob['data'],
  work: () => Promise<void>,
): Promise<void> {
  const startedAt = Date.now();
  log.started.push(job.id);
  try {
    await work();
  } finally {
    log.tries.push({ ...job, data, startedAt, endedAt: Date.now() });
  }
}

/** Succeeds at once. */
@JobQueue({ name: 'test.record' })
@Injectable()
export class RecordHandler implements JobHandler<{ tag: string }> {
  constructor(private readonly log: JobLog) {}
  handle(data: { tag: string }, job: JobContext): Promise<void> {
    return logged(this.log, job, data, () => Promise.resolve());
  }
}

/** Fails its first `failures` tries, then succeeds. */
@JobQueue({ name: 'test.flaky', retryLimit: 3, retryDelaySeconds: 1 })
@Injectable()
export class FlakyHandler implements JobHandler<{ failures: number }> {
  constructor(private readonly log: JobLog) {}
  handle(data: { failures: number }, job: JobContext): Promise<void> {
    return logged(this.log, job, data, () => {
      if (job.retryCount < data.failures) {
        // What a database error carries: it must reach neither the log nor the job's stored output.
        throw Object.assign(new Error(`flaky try ${job.retryCount}`), { query: 'SELECT secret_sql' });
      }
      return Promise.resolve();
    });
  }
}

/** Always fails; out of tries after the second. */
@JobQueue({ name: 'test.doomed', retryLimit: 1, retryDelaySeconds: 1 })
@Injectable()
export class DoomedHandler implements JobHandler<{ tag?: string }> {
  constructor(private readonly log: JobLog) {}
  handle(data: { tag?: string }, job: JobContext): Promise<void> {
    return logged(this.log, job, data, () => Promise.reject(new Error('doomed')));
  }
}

/** Takes `ms` milliseconds. */
@JobQueue({ name: 'test.slow', retryLimit: 1, retryDelaySeconds: 1 })
@Injectable()
export class SlowHandler implements JobHandler<{ ms: number }> {
  constructor(private readonly log: JobLog) {}
  handle(data: { ms: number }, job: JobContext): Promise<void> {
    return logged(this.log, job, data, () => new Promise((resolve) => setTimeout(resolve, data.ms)));
  }
}

/** Queues that exist only in tests, with handlers that record what they ran. */
@Module({ providers: [JobLog, RecordHandler, FlakyHandler, DoomedHandler, SlowHandler] })
export class TestJobsModule {}

/** The app's pg-boss, to read a job's state as the queue stores it. */
export function bossOf(app: INestApplicationContext): Promise<PgBoss> {
  return app.get(JobBoss).ready();
}

export async function jobState(
  app: INestApplicationContext,
  queue: string,
  id: string,
): Promise<string | undefined> {
  const [job] = await (await bossOf(app)).findJobs(queue, { id });
  return job?.state;
}

/** Polls until `check` holds; fails after `timeoutMs` with `what`. */
export async function eventually(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting until ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Queues one job of `queue` in a transaction of its own and waits until a worker completed it. */
export async function runJob(app: INestApplicationContext, queue: string, data: object = {}): Promise<void> {
  const id = await app.get(Database).transaction((tx) => app.get(JobsService).enqueue(tx, queue, data));
  await eventually(
    `job ${id} of ${queue} completed`,
    async () => (await jobState(app, queue, id)) === 'completed',
  );
}

/** Raw SQL on the app's database, for a test to set up rows and look at them. */
export function sqlOn(app: INestApplicationContext) {
  return <T = Array<Record<string, unknown>>>(text: string, parameters: unknown[] = []): Promise<T> =>
    app.get(DataSource).query<T>(text, parameters);
}
