import http from 'node:http';
import { freePort, startBuiltApp, stopAll, waitUntilReady } from './support/built-app';
import { watchReadiness } from './support/http-load';
import { itWithRedis, NO_REDIS_REASON, useTestRedis } from './support/redis-for-tests';
import { PRODUCTION_MAIL_ENV } from './support/production-mail';
import { createTestDatabase, dropTestDatabase } from './support/test-database';

const SECRET = 'ops-listener-test-secret-that-is-long-enough-0123';
const SHUTDOWN_GRACE_SECONDS = 10;

/** Status of a GET on a connection of its own (0: refused), so cluster mode hands it to the next worker. */
function statusOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      })
      .once('error', () => resolve(0));
  });
}

/** The built app with OPS_PORT: what main.ts listens on, and how it stops. */
describe('The OPS_PORT listener of the built app', () => {
  let databaseUrl: string;
  const redis = NO_REDIS_REASON === null ? useTestRedis() : undefined;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });

  afterAll(async () => {
    await stopAll();
    await dropTestDatabase(databaseUrl);
  });

  async function start(env: Record<string, string> = {}) {
    const [port, opsPort] = [await freePort(), await freePort()];
    const run = startBuiltApp({
      NODE_ENV: 'production',
      ...PRODUCTION_MAIL_ENV,
      HOST: '127.0.0.1',
      PORT: String(port),
      OPS_PORT: String(opsPort),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: SECRET,
      SHUTDOWN_GRACE: `${SHUTDOWN_GRACE_SECONDS}s`,
      SHUTDOWN_DRAIN: '1s',
      ...env,
    });
    await waitUntilReady(opsPort, run);
    return { run, api: `http://127.0.0.1:${port}`, ops: `http://127.0.0.1:${opsPort}` };
  }

  it('serves the probes and /metrics there, turns readiness 503 on SIGTERM, and closes it on exit', async () => {
    const { run, api, ops } = await start();
    expect(await statusOnNewConnection(`${ops}/metrics`)).toBe(200);
    expect(await statusOnNewConnection(`${ops}/health/live`)).toBe(200);
    expect(await statusOnNewConnection(`${api}/health/ready`)).toBe(404);
    expect(await statusOnNewConnection(`${api}/metrics`)).toBe(404);
    expect(await statusOnNewConnection(`${api}/api/v1/posts`)).toBe(200);

    run.child.kill('SIGTERM');
    const turned = await watchReadiness(`${ops}/health/ready`, {
      intervalMs: 50,
      deadline: Date.now() + SHUTDOWN_GRACE_SECONDS * 1000,
    });
    // Still inside SHUTDOWN_DRAIN: the ops listener answers, and says the instance is going.
    expect(turned?.status).toBe(503);
    expect(await run.exited).toBe(0);
    expect(await statusOnNewConnection(`${ops}/health/live`)).toBe(0);
  });

  itWithRedis('is shared by the cluster workers like PORT, and stops with them', async () => {
    const { run, api, ops } = await start({
      CLUSTER_WORKERS: '2',
      // The primary's "All 2 workers are listening" is an info line.
      LOG_LEVEL: 'info',
      REDIS_URL: redis?.url ?? '',
      REDIS_PREFIX: `strata-ops-cluster-${process.pid}`,
    });
    for (let attempt = 0; !run.output().includes('All 2 workers are listening'); attempt += 1) {
      if (attempt > 240 || run.child.exitCode !== null) {
        throw new Error(`the workers never all listened:\n${run.output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // New connections go to the workers in turn: every one of them answers on OPS_PORT.
    for (let i = 0; i < 6; i += 1) {
      expect(await statusOnNewConnection(`${ops}/health/ready`)).toBe(200);
      expect(await statusOnNewConnection(`${api}/health/ready`)).toBe(404);
    }
    expect(run.output()).not.toContain('exited');

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });
});
