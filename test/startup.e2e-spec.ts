import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * The built app as a user runs it (`node dist/src/main.js`, what `npm start` runs after building):
 * the embedded database starts, serves, refuses a second owner, and stops with the app.
 */
const MAIN = path.resolve(__dirname, '..', 'dist', 'src', 'main.js');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const runs: Run[] = [];

function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const run = { child, output: () => output, exited };
  runs.push(run);
  return run;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls readiness; gives up after `attempts` tries so a broken start fails instead of hanging. */
async function waitUntilReady(port: number, run: Run, attempts = 240): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (run.child.exitCode !== null) {
      throw new Error(`the app exited early:\n${run.output()}`);
    }
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ready) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app never became ready:\n${run.output()}`);
}

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
    for (const run of runs.filter((r) => r.child.exitCode === null)) {
      run.child.kill('SIGTERM');
      await run.exited;
    }
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
