import http from 'node:http';
import { freePort, startBuiltApp, stopAll, waitUntilReady } from '../support/built-app';
import { describeWithRedis } from '../support/redis-for-tests';
import { createTestDatabase, dropTestDatabase } from '../support/test-database';

const SECRET = 'cluster-test-secret-that-is-long-enough-0123456789';

/** A GET on a connection of its own: the primary hands each new connection to the next worker. */
function getOnNewConnection(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

interface LogLine {
  pid?: number;
  requestId?: string;
}

function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

// Cluster mode needs a Redis the workers share: the machine's (REDIS_URL) or one of our own.
describeWithRedis('Cluster mode (CLUSTER_WORKERS)', (redis) => {
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });

  afterAll(async () => {
    await stopAll();
    await dropTestDatabase(databaseUrl);
  });

  it('serves from every worker, reads every write at once on all of them, and stops cleanly', async () => {
    const port = await freePort();
    const run = startBuiltApp({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      REDIS_PREFIX: `strata-cluster-${port}`,
      JWT_SECRET: SECRET,
      // Registers and signs in over HTTP; following the mailed link is the account-flow tests' subject.
      AUTH_REQUIRE_VERIFIED_EMAIL: 'false',
      CLUSTER_WORKERS: '2',
      LOG_LEVEL: 'info',
      RATE_LIMIT_AUTH_MAX: '1000',
    });
    await waitUntilReady(port, run);
    // Ready means one worker answers; the other may still be starting on a busy machine.
    for (let attempt = 0; !run.output().includes('All 2 workers are listening'); attempt += 1) {
      if (attempt > 240 || run.child.exitCode !== null) {
        throw new Error(`the workers never all listened:\n${run.output()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const api = `http://127.0.0.1:${port}/api/v1`;
    const json = { 'Content-Type': 'application/json' };

    const credentials = { email: 'cluster@example.test', password: 'a sturdy cluster passphrase 7' };
    const register = await fetch(`${api}/users`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ ...credentials, username: 'clustered' }),
    });
    expect(register.status).toBe(201);
    const login = (await (
      await fetch(`${api}/auth/login`, { method: 'POST', headers: json, body: JSON.stringify(credentials) })
    ).json()) as { data: { accessToken: string } };
    const auth = { ...json, Authorization: `Bearer ${login.data.accessToken}` };
    const created = (await (
      await fetch(`${api}/posts`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ title: 'First title', content: 'x', status: 'published' }),
      })
    ).json()) as { data: { id: string } };
    const postUrl = `${api}/posts/${created.data.id}`;

    /**
     * Reads the post on new connections (the primary hands each to a worker in turn) until both
     * workers have answered, as their log lines tell, checking every answer.
     */
    const readOnEveryWorker = async (phase: string, check: (title: string) => void) => {
      const workers = new Set<number | undefined>();
      for (let batch = 0; batch < 10 && workers.size < 2; batch += 1) {
        for (let read = 0; read < 10; read += 1) {
          const res = await getOnNewConnection(postUrl, { 'X-Request-Id': `${phase}-${batch}-${read}` });
          expect(res.status).toBe(200);
          check((JSON.parse(res.body) as { data: { title: string } }).data.title);
        }
        await new Promise((resolve) => setTimeout(resolve, 300)); // the log is written asynchronously
        logLines(run.output())
          .filter((line) => line.requestId?.startsWith(`${phase}-`))
          .forEach((line) => workers.add(line.pid));
      }
      return workers;
    };

    // Both workers cache the post, then one of them changes it: neither may serve the old title.
    expect((await readOnEveryWorker('before', (title) => expect(title).toBe('First title'))).size).toBe(2);
    const patched = await fetch(postUrl, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ title: 'New' }),
    });
    expect(patched.status).toBe(200);
    expect((await readOnEveryWorker('after', (title) => expect(title).toBe('New'))).size).toBe(2);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('stops with an error when the workers cannot start', async () => {
    const run = startBuiltApp({
      PORT: String(await freePort()),
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none_test',
      DB_CONNECT_TIMEOUT: '1s',
      REDIS_URL: redis.url,
      JWT_SECRET: SECRET,
      // Registers and signs in over HTTP; following the mailed link is the account-flow tests' subject.
      AUTH_REQUIRE_VERIFIED_EMAIL: 'false',
      CLUSTER_WORKERS: '2',
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('failed to start');
  });
});
