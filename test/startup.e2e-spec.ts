import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, startBuiltApp as start, stopAll, waitUntilReady } from './support/built-app';
import type { Run } from './support/built-app';
import { createTestDatabase, dropTestDatabase } from './support/test-database';

/** The embedded database starts with the built app, serves, refuses a second owner, and stops with it. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

interface LogLine {
  level: number;
  msg: string;
  context?: string;
}

const INFO = 30;

/** Every line the process wrote, each of which must be a JSON log line. */
function logLines(run: Run): LogLine[] {
  return run
    .output()
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        throw new Error(`not a JSON log line: ${line}`);
      }
    });
}

/** Waits for a log line (the app says where it listens), or fails when the app exits first. */
async function lineMatching(run: Run, pattern: RegExp): Promise<LogLine> {
  for (;;) {
    const line = logLines(run).find((candidate) => pattern.test(candidate.msg));
    if (line) {
      return line;
    }
    if (run.child.exitCode !== null) {
      throw new Error(`the app exited before logging ${pattern}:\n${run.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Starting the built app', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'strata-startup-'));
  });

  afterAll(async () => {
    // A failed test must not leave an app or its database running.
    await stopAll();
    const pid = Number(
      (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').catch(() => '')).split(
        '\n',
      )[0],
    );
    if (pid > 0 && isAlive(pid)) {
      process.kill(pid, 'SIGINT');
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses production without DATABASE_URL, JWT_SECRET, SMTP_URL and MAIL_FROM, naming each', async () => {
    const run = start({ NODE_ENV: 'production', DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    for (const variable of ['DATABASE_URL', 'JWT_SECRET', 'SMTP_URL', 'MAIL_FROM']) {
      expect(run.output()).toContain(`${variable} is required in production`);
    }
  });

  it('names a bad variable and exits non-zero', async () => {
    const run = start({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('PORT');
  });

  it('reports each bad variable in one JSON line that shows its value', async () => {
    const run = start({ PORT: 'abc', REQUEST_TIMEOUT: '0', DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    const messages = logLines(run).map((line) => line.msg);
    expect(messages).toHaveLength(2);
    expect(messages).toEqual(
      expect.arrayContaining([
        'PORT must be an integer from 0 to 65535 (got "abc")',
        expect.stringMatching(/^REQUEST_TIMEOUT must be a duration from 1s to 10m, .*\(got "0"\)$/),
      ]),
    );
  });

  it('gives up on an unreachable database with one JSON line per try and a last one naming DATABASE_URL', async () => {
    const closedPort = await freePort();
    const run = start({
      DATABASE_URL: `postgres://strata:hunter2@127.0.0.1:${closedPort}/strata_test`,
      DB_CONNECT_ATTEMPTS: '3',
      DB_CONNECT_RETRY_DELAY: '100ms',
      DATA_DIR: dataDir,
    });
    expect(await run.exited).toBe(1);
    const lines = logLines(run);
    expect(run.output()).not.toMatch(/^\s+at /m);
    expect(run.output()).not.toContain('hunter2');
    expect(lines.filter((line) => /attempt \d of 3/.test(line.msg))).toHaveLength(2);
    expect(lines.at(-1)?.msg).toBe(
      `Cannot reach the database at postgres://strata@127.0.0.1:${closedPort}/strata_test (password hidden) ` +
        `after 3 attempts (connect ECONNREFUSED 127.0.0.1:${closedPort}): check DATABASE_URL`,
    );
  });

  it('logs a normal start in a few info lines: the migrations it applied, not the route table, and the real port', async () => {
    const databaseUrl = await createTestDatabase();
    try {
      const run = start({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' });
      const listening = await lineMatching(run, /^Strata API on /);
      const port = Number(/127\.0\.0\.1:(\d+)\/api\/v1/.exec(listening.msg)?.[1]);
      expect(port).toBeGreaterThan(0);
      await waitUntilReady(port, run);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);

      const info = logLines(run).filter((line) => line.level === INFO);
      expect(info.map((line) => line.msg)).toContainEqual(
        expect.stringMatching(
          /^Applied \d+ migrations: CreateUsersAndRefreshTokens1764000000000, CreatePosts1764100000000/,
        ),
      );
      expect(info.filter((line) => /Mapped \{|dependencies initialized/.test(line.msg))).toEqual([]);
      expect(info.filter((line) => line.context === 'RoutesResolver')).toEqual([]);
    } finally {
      await dropTestDatabase(databaseUrl);
    }
  });

  it('serves on the embedded database, refuses a second owner, and stops it on SIGTERM', async () => {
    const port = await freePort();
    const first = start({ PORT: String(port), DATA_DIR: dataDir });
    await waitUntilReady(port, first);
    const postgresPid = Number(
      (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    expect(isAlive(postgresPid)).toBe(true);

    const second = start({ PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('in use by another Strata process');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(isAlive(postgresPid)).toBe(false);
  });

  it('runs through `npm start`, and a SIGTERM to npm stops the app and its database, exit code 0', async () => {
    const port = await freePort();
    const run = start({ PORT: String(port), DATA_DIR: dataDir }, { viaNpm: true });
    await waitUntilReady(port, run);
    const postgresPid = Number(
      (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(isAlive(postgresPid)).toBe(false);
  });

  it('takes over a database left running by a killed app', async () => {
    const port = await freePort();
    const killed = start({ PORT: String(port), DATA_DIR: dataDir });
    await waitUntilReady(port, killed);
    const orphanPid = Number(
      (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(isAlive(orphanPid)).toBe(true);

    const next = start({ PORT: String(port), DATA_DIR: dataDir });
    await waitUntilReady(port, next);
    expect(isAlive(orphanPid)).toBe(false);
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  });

  it('starts again on the data it kept', async () => {
    const port = await freePort();
    const api = `http://127.0.0.1:${port}/api/v1`;
    const username = `kept_${Date.now().toString(36)}`;
    const first = start({ PORT: String(port), DATA_DIR: dataDir });
    await waitUntilReady(port, first);
    const created = await fetch(`${api}/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: `${username}@example.test`,
        username,
        password: 'a sturdy passphrase 42',
      }),
    });
    expect(created.status).toBe(201);
    const { id } = ((await created.json()) as { data: { id: string } }).data;
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);

    const again = start({ PORT: String(port), DATA_DIR: dataDir });
    await waitUntilReady(port, again);
    const profile = await fetch(`${api}/users/${id}`);
    expect(profile.status).toBe(200);
    expect(((await profile.json()) as { data: { username: string } }).data.username).toBe(username);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });
});
