import { freePort, startBuiltApp, stopAll, waitUntilReady } from './support/built-app';
import { createTestDatabase, dropTestDatabase } from './support/test-database';

const SECRET = 'log-hygiene-secret-that-is-long-enough-0123456789';
const PASSWORD = 'never in a log line 42';
const METRICS_TOKEN = 'log-hygiene-metrics-token-0123456789';

interface LogLine {
  msg?: string;
  requestId?: string;
  route?: string;
  userId?: string;
  durationMs?: number;
  req?: { method?: string };
  res?: { statusCode?: number };
}

/** The built app at trace level: what it prints while signing in, refreshing and failing. */
describe('Logs', () => {
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });

  afterAll(async () => {
    await stopAll();
    await dropTestDatabase(databaseUrl);
  });

  it('write one JSON line per request and never a password, hash, token or secret', async () => {
    const port = await freePort();
    const run = startBuiltApp({
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: SECRET,
      // Registers and signs in over HTTP; following the mailed link is the account-flow tests' subject.
      AUTH_REQUIRE_VERIFIED_EMAIL: 'false',
      METRICS_TOKEN,
      LOG_LEVEL: 'trace',
    });
    await waitUntilReady(port, run);
    const api = `http://127.0.0.1:${port}/api/v1`;
    const post = (path: string, body: object, headers: Record<string, string> = {}) =>
      fetch(`${api}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    const email = 'logged@example.test';
    expect((await post('/users', { email, username: 'logged', password: PASSWORD })).status).toBe(201);
    const login = (await (await post('/auth/login', { email, password: PASSWORD })).json()) as {
      data: { accessToken: string; refreshToken: string };
    };
    const { accessToken, refreshToken } = login.data;
    const me = await fetch(`${api}/users/me`, {
      headers: { Authorization: `Bearer ${accessToken}`, 'X-Request-Id': 'trace-me-1' },
    });
    expect(me.status).toBe(200);
    const userId = ((await me.json()) as { data: { id: string } }).data.id;
    expect((await post('/auth/refresh', { refreshToken })).status).toBe(200);
    expect((await post('/auth/login', { email, password: `${PASSWORD}-wrong` })).status).toBe(401);
    await fetch(`http://127.0.0.1:${port}/health/live`, { headers: { 'X-Request-Id': 'trace-probe-1' } });
    const scrape = (token: string) =>
      fetch(`http://127.0.0.1:${port}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    expect((await scrape(METRICS_TOKEN)).status).toBe(200);
    expect((await scrape(`${METRICS_TOKEN}-wrong`)).status).toBe(401);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    const output = run.output();

    for (const secret of [PASSWORD, accessToken, refreshToken, SECRET, METRICS_TOKEN, '$argon2']) {
      expect(output).not.toContain(secret);
    }
    expect(output).not.toMatch(/password_hash|passwordHash/);

    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
    const meLine = lines.filter((line) => line.requestId === 'trace-me-1' && line.res);
    expect(meLine).toHaveLength(1);
    expect(lines.filter((line) => line.requestId === 'trace-probe-1' && line.res)).toHaveLength(1);
    expect(meLine[0]).toMatchObject({
      route: '/api/v1/users/me',
      userId,
      req: { method: 'GET' },
      res: { statusCode: 200 },
      durationMs: expect.any(Number),
    });
  });
});
