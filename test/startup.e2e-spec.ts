import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, startBuiltApp as start, stopAll, waitUntilReady } from './support/built-app';

/** The embedded database starts with the built app, serves, refuses a second owner, and stops with it. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
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

  it('refuses production without DATABASE_URL and JWT_SECRET, naming both', async () => {
    const run = start({ NODE_ENV: 'production', DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('DATABASE_URL');
    expect(run.output()).toContain('JWT_SECRET');
  });

  it('names a bad variable and exits non-zero', async () => {
    const run = start({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('PORT');
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
    const run = start({ PORT: String(port), DATA_DIR: dataDir });
    await waitUntilReady(port, run);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });
});
