import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.setup';
import { createLoggers } from '../src/common/logging/loggers';
import { Database } from '../src/database/database';
import { JobsService } from '../src/jobs/jobs.service';
import { testConfig } from './support/test-app';
import { createTestDatabase, dropTestDatabase } from './support/test-database';
import { bossOf, eventually, JobLog, jobState, TestJobsModule } from './support/test-jobs.module';

/** Background jobs in one app on a real PostgreSQL: the transaction decides, the worker runs, retries, gives up. */
describe('Background jobs', () => {
  let databaseUrl: string;
  let app: NestExpressApplication;
  const logLines: string[] = [];

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    const config = testConfig(databaseUrl, { LOG_LEVEL: 'info' });
    const output = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    app = await createApp(config, { extraModules: [TestJobsModule], loggers: createLoggers(config, output) });
  });

  afterAll(async () => {
    await app.close();
    await dropTestDatabase(databaseUrl);
  });

  const log = () => app.get(JobLog);
  const jobs = () => app.get(JobsService);
  const db = () => app.get(Database);
  const enqueue = (queue: string, data: object, options = {}) =>
    db().transaction((tx) => jobs().enqueue(tx, queue, data, options));

  it('runs a job enqueued in a transaction that commits, once it has committed', async () => {
    const id = await enqueue('test.record', { tag: 'committed' });
    await eventually('the job ran', () =>
      log()
        .handledOf('test.record')
        .some((job) => job.id === id),
    );
    const [handled] = log().tries.filter((job) => job.id === id);
    expect(handled).toMatchObject({ queue: 'test.record', retryCount: 0, data: { tag: 'committed' } });
    await eventually('it is completed', async () => (await jobState(app, 'test.record', id)) === 'completed');
  });

  it('never runs a job whose transaction rolls back, nor keeps it', async () => {
    let rolledBackId = '';
    await expect(
      db().transaction(async (tx) => {
        rolledBackId = await jobs().enqueue(tx, 'test.record', { tag: 'rolled-back' });
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('the caller changed its mind');
    // A job committed after it runs once the worker is past any chance of the first.
    const later = await enqueue('test.record', { tag: 'after-rollback' });
    await eventually('the later job ran', () => log().tries.some((job) => job.id === later));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(log().tries.some((job) => job.id === rolledBackId || job.data.tag === 'rolled-back')).toBe(false);
    expect(await jobState(app, 'test.record', rolledBackId)).toBeUndefined();
  });

  it('retries a failing job with exponential backoff until it succeeds', async () => {
    const id = await enqueue('test.flaky', { failures: 2 });
    await eventually(
      'the third try succeeded',
      async () => (await jobState(app, 'test.flaky', id)) === 'completed',
      30_000,
    );
    const tries = log().tries.filter((job) => job.id === id);
    expect(tries.map((job) => job.retryCount)).toEqual([0, 1, 2]);
    // At least half the delay (jitter), doubled for the second retry: 1 s, then 2 s.
    expect(tries[1].startedAt - tries[0].endedAt).toBeGreaterThanOrEqual(500);
    expect(tries[2].startedAt - tries[1].endedAt).toBeGreaterThanOrEqual(1_000);
    const [stored] = await (await bossOf(app)).findJobs('test.flaky', { id });
    expect(stored).toMatchObject({ retryLimit: 3, retryDelay: 1, retryBackoff: true });
  });

  it('logs each failed try as one line, without the stack or what the error carries', () => {
    const failures = logLines.filter((line) => line.includes('flaky try'));
    expect(failures.length).toBeGreaterThanOrEqual(2);
    for (const line of failures) {
      expect(JSON.parse(line)).toMatchObject({ level: 40, context: 'Jobs' });
      expect(line).toMatch(/Job test\.flaky \S+ failed \(try \d of 4\): flaky try \d; retrying/);
      expect(line).not.toMatch(/secret_sql|at .+\.ts:\d+|\\n/);
    }
  });

  it('moves a job that always fails to <name>.dead after its last try, and keeps it there', async () => {
    const id = await enqueue('test.doomed', { tag: 'doomed' });
    await eventually(
      'it failed for good',
      async () => (await jobState(app, 'test.doomed', id)) === 'failed',
      30_000,
    );
    expect(
      log()
        .tries.filter((job) => job.id === id)
        .map((job) => job.retryCount),
    ).toEqual([0, 1]);
    const boss = await bossOf(app);
    const dead = await boss.findJobs('test.doomed.dead', { queued: true });
    expect(dead.map((job) => job.data)).toContainEqual({ tag: 'doomed' });
    const [failed] = await boss.findJobs('test.doomed', { id });
    expect(JSON.stringify(failed.output)).not.toMatch(/secret_sql|\.ts:\d+/);
    expect(
      logLines.some((line) =>
        line.includes(`Job test.doomed ${id} failed (try 2, the last): doomed; kept in test.doomed.dead`),
      ),
    ).toBe(true);
  });

  it('keeps one waiting job per singleton key, and gives its id to a second enqueue', async () => {
    const options = { singletonKey: 'only-one', startAfterSeconds: 3600 };
    const [first, second] = await Promise.all([
      enqueue('test.record', { tag: 'first' }, options),
      enqueue('test.record', { tag: 'second' }, options),
    ]);
    expect(second).toBe(first);
    const waiting = await (await bossOf(app)).findJobs('test.record', { key: 'only-one', queued: true });
    expect(waiting).toHaveLength(1);
  });

  it('refuses a queue no provider handles, naming it', async () => {
    await expect(enqueue('test.nobody', {})).rejects.toThrow(
      'No provider handles the job queue "test.nobody"',
    );
  });

  it('shows completed and failed jobs and the depth of each queue on /metrics', async () => {
    await enqueue('test.record', { tag: 'deferred' }, { startAfterSeconds: 3600 });
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    const value = (series: string) => Number(new RegExp(`^${series} (\\d+)$`, 'm').exec(res.text)?.[1]);
    expect(value('jobs_completed_total\\{queue="test.record"\\}')).toBeGreaterThanOrEqual(2);
    expect(value('jobs_completed_total\\{queue="test.flaky"\\}')).toBe(1);
    expect(value('jobs_failed_total\\{queue="test.flaky"\\}')).toBe(2);
    expect(value('jobs_failed_total\\{queue="test.doomed"\\}')).toBe(2);
    // The singleton job and this one wait an hour; the dead-letter queue keeps the doomed job.
    expect(value('jobs_queue_depth\\{queue="test.record"\\}')).toBe(2);
    expect(value('jobs_queue_depth\\{queue="test.doomed.dead"\\}')).toBe(1);
    expect(value('jobs_queue_depth\\{queue="test.slow"\\}')).toBe(0);
  });

  it('keeps its tables in the jobs schema, apart from the migrations', async () => {
    const rows = await app
      .get(DataSource)
      .query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'jobs' AND tablename = 'queue'`,
      );
    expect(rows[0].n).toBe(1);
  });
});
