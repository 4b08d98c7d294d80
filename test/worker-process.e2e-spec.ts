import { freePort, startBuiltApp, stopAll, waitUntilReady } from './support/built-app';
import { PRODUCTION_MAIL_ENV } from './support/production-mail';
import { createTestDatabase, dropTestDatabase } from './support/test-database';

const SECRET = 'worker-test-secret-that-is-long-enough-0123456789';

/** `npm run worker` as a deployment runs it: the built entry, in production mode. */
describe('The worker process', () => {
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });

  afterAll(async () => {
    await stopAll();
    await dropTestDatabase(databaseUrl);
  });

  it('refuses to start without DATABASE_URL, saying why', async () => {
    const run = startBuiltApp(
      { NODE_ENV: 'development', DATA_DIR: '/nonexistent-strata-data' },
      { worker: true },
    );
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('npm run worker needs DATABASE_URL');
  });

  it('runs the workers with probes and metrics on OPS_PORT only, and exits 0 on SIGTERM', async () => {
    const [opsPort, port] = [await freePort(), await freePort()];
    const run = startBuiltApp(
      {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        OPS_PORT: String(opsPort),
        DATABASE_URL: databaseUrl,
        JWT_SECRET: SECRET,
        LOG_LEVEL: 'info',
        ...PRODUCTION_MAIL_ENV,
      },
      { worker: true },
    );
    await waitUntilReady(opsPort, run);
    const metrics = await (await fetch(`http://127.0.0.1:${opsPort}/metrics`)).text();
    expect(metrics).toContain('jobs_queue_depth{queue="auth.purge-refresh-tokens"} 0');
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
    expect(run.output()).toMatch(/Strata job workers running \(queues: [^)]*\bmail\.send\b/);
    expect(run.output()).toMatch(/Strata job workers running \(queues: [^)]*\bauth\.purge-refresh-tokens\b/);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('SIGTERM received');
  });
});
