import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.setup';
import { Database } from '../src/database/database';
import { JobsService } from '../src/jobs/jobs.service';
import { ShutdownState } from '../src/lifecycle/shutdown-state';
import { REFRESH_TOKEN_PURGE_QUEUE } from '../src/modules/auth/refresh-token-purge';
import { testConfig } from './support/test-app';
import { createTestDatabase, dropTestDatabase } from './support/test-database';
import { eventually, JobLog, jobState, TestJobsModule } from './support/test-jobs.module';

/** Several app instances on one database, as a deployment runs them. */
describe('Background jobs across instances', () => {
  let databaseUrl: string;
  const apps: NestExpressApplication[] = [];

  const start = async (env: Record<string, string> = {}) => {
    const app = await createApp(testConfig(databaseUrl, env), { extraModules: [TestJobsModule] });
    apps.push(app);
    return app;
  };
  const enqueue = (app: NestExpressApplication, queue: string, data: object) =>
    app.get(Database).transaction((tx) => app.get(JobsService).enqueue(tx, queue, data));
  const close = async (app: NestExpressApplication) => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });

  // Even after a failed test: an instance left running would take the next test's jobs.
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
  });

  afterAll(async () => {
    await dropTestDatabase(databaseUrl);
  });

  it('start three at once on an empty database, then run each job exactly once', async () => {
    const [first, second, third] = await Promise.all([start(), start(), start()]);
    const ids = await Promise.all(
      Array.from({ length: 30 }, (_, i) => enqueue(first, 'test.record', { tag: `n${i}` })),
    );
    const handled = () => [first, second, third].flatMap((app) => app.get(JobLog).handledOf('test.record'));
    await eventually('every job ran', () => handled().length >= ids.length);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(
      handled()
        .map((job) => job.id)
        .sort(),
    ).toEqual([...ids].sort());
    const schedules = await first
      .get(DataSource)
      .query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM jobs.schedule WHERE name = $1', [
        REFRESH_TOKEN_PURGE_QUEUE,
      ]);
    expect(schedules[0].n).toBe(1);
  });

  it('with JOBS_WORKER=false queue jobs without running them; a worker instance runs them later', async () => {
    const api = await start({ JOBS_WORKER: 'false' });
    const id = await enqueue(api, 'test.record', { tag: 'for-a-worker' });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(api.get(JobLog).tries).toHaveLength(0);
    expect(await jobState(api, 'test.record', id)).toBe('created');
    const worker = await start();
    await eventually('the worker ran it', () => worker.get(JobLog).tries.some((job) => job.id === id));
  });

  it('on shutdown let a running job finish, and take no new one', async () => {
    const app = await start({ SHUTDOWN_GRACE: '10s' });
    const running = await enqueue(app, 'test.slow', { ms: 1_500 });
    await eventually('the slow job started', () => app.get(JobLog).started.includes(running));
    app.get(ShutdownState).beginShutdown();
    const late = await enqueue(app, 'test.record', { tag: 'after-sigterm' });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await close(app);
    expect(app.get(JobLog).tries.map((job) => job.id)).toEqual([running]);
    const observer = await start({ JOBS_WORKER: 'false' });
    expect(await jobState(observer, 'test.slow', running)).toBe('completed');
    expect(await jobState(observer, 'test.record', late)).toBe('created');
  });

  it('fail a job still running when SHUTDOWN_GRACE runs out, so it is tried again', async () => {
    const app = await start({ SHUTDOWN_GRACE: '2s' });
    const stuck = await enqueue(app, 'test.slow', { ms: 8_000 });
    await eventually('the slow job started', () => app.get(JobLog).started.includes(stuck));
    const closing = Date.now();
    await close(app);
    // The job needs 8 s: a close that returns well before proves it was not waited for.
    expect(Date.now() - closing).toBeLessThan(6_000);
    const observer = await start({ JOBS_WORKER: 'false' });
    expect(await jobState(observer, 'test.slow', stuck)).toBe('retry');
  });
});
