import { randomUUID } from 'node:crypto';
import type { AppOnDatabase } from '../support/app-on-database';
import { startAppOnDatabase } from '../support/app-on-database';
import type { FaultablePostgres } from '../support/fault-servers';
import { startFaultablePostgres } from '../support/fault-servers';
import { uniqueName } from '../support/accounts';

/** Short timeouts, so a request that touches an absent database fails within a few seconds. */
const TIMEOUTS = { DB_CONNECT_TIMEOUT: '1s', DB_STATEMENT_TIMEOUT: '1s' };
/** Connect timeout, or statement timeout plus the client's extra second, and some slack for 2 cores. */
const FAIL_FAST_MS = 5_000;
const RECOVERY_MS = 20_000;
/** The age of a cached readiness check (1 s) plus its ping timeout (1 s), with room for a busy machine. */
const READINESS_MS = 5_000;

async function eventually(check: () => Promise<boolean>, withinMs: number): Promise<number> {
  const startedAt = Date.now();
  while (Date.now() - startedAt < withinMs) {
    if (await check().catch(() => false)) {
      return Date.now() - startedAt;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`not within ${withinMs} ms`);
}

/** The in-process app on a PostgreSQL of the test's own, which it freezes, stops and restarts. */
describe('Database faults', () => {
  let pg: FaultablePostgres;
  let t: AppOnDatabase;

  beforeAll(async () => {
    pg = await startFaultablePostgres();
    t = await startAppOnDatabase(pg.url, TIMEOUTS);
  });

  afterAll(async () => {
    pg?.thaw();
    await t?.close();
    await pg?.destroy();
  });

  const register = () => {
    const username = uniqueName();
    return t
      .http()
      .post('/api/v1/users')
      .send({ email: `${username}@example.test`, username, password: 'a sturdy passphrase 42' })
      .timeout(15_000);
  };

  /** While the database is away: 503 fast on the API and readiness, 200 on liveness. */
  async function expectUnavailable(): Promise<void> {
    for (const send of [() => t.http().get(`/api/v1/users/${randomUUID()}`).timeout(15_000), register]) {
      const startedAt = Date.now();
      const res = await send();
      expect(Date.now() - startedAt).toBeLessThan(FAIL_FAST_MS);
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        success: false,
        statusCode: 503,
        error: { code: 'SERVICE_UNAVAILABLE' },
        requestId: res.headers['x-request-id'],
      });
    }
    // One readiness check answers for a second, so the first probe may still see the last one.
    await eventually(
      async () => (await t.http().get('/health/ready').timeout(15_000)).status === 503,
      READINESS_MS,
    );
    const ready = await t.http().get('/health/ready').timeout(15_000);
    expect(ready.status).toBe(503);
    expect(ready.body.error.code).toBe('SERVICE_UNAVAILABLE');
    await t.http().get('/health/live').timeout(5_000).expect(200);
  }

  /** Without a restart of the app: readiness returns, then reads and writes succeed. */
  async function expectRecovered(): Promise<void> {
    await eventually(
      async () => (await t.http().get('/health/ready').timeout(5_000)).status === 200,
      RECOVERY_MS,
    );
    await eventually(
      async () => (await t.http().get(`/api/v1/users/${randomUUID()}`).timeout(5_000)).status === 404,
      RECOVERY_MS,
    );
    expect((await register()).status).toBe(201);
  }

  it('is ready and serves before any fault', async () => {
    await t.http().get('/health/ready').expect(200);
    expect((await register()).status).toBe(201);
  });

  // Freezing finds the server's processes through /proc.
  (process.platform === 'linux' ? it : it.skip)(
    'answers 503 fast while PostgreSQL is frozen, and recovers when it resumes',
    async () => {
      pg.freeze();
      try {
        await expectUnavailable();
      } finally {
        pg.thaw();
      }
      await expectRecovered();
    },
  );

  it('answers 503 fast while PostgreSQL is down, and recovers when it restarts', async () => {
    await pg.stop();
    try {
      await expectUnavailable();
    } finally {
      await pg.start();
    }
    await expectRecovered();
  });
});
