import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './built-app';

/** Servers of a fault test's own, which it may freeze, stop and restart: never the suite's shared ones. */

/** The pids of `pid`'s children, grandchildren and so on, read from /proc (Linux). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // The parent pid is the 2nd field after the parenthesised command, which may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

export interface FaultablePostgres {
  /** A `..._test` database URL on this server. */
  readonly url: string;
  /** SIGSTOP to the postmaster and every backend: connections hang, nothing is refused. */
  freeze(): void;
  thaw(): void;
  /** A fast shutdown: connections are cut, new ones refused. */
  stop(): Promise<void>;
  /** Starts the stopped server again, on the same data and port. */
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** The built startEmbeddedPostgres: Jest's module sandbox cannot load the ES-module library. */
const EMBEDDED_POSTGRES = path.resolve(
  __dirname,
  '..',
  '..',
  'dist',
  'src',
  'database',
  'embedded-postgres.js',
);
const SERVE_POSTGRES = `
const { startEmbeddedPostgres } = require(process.argv[1]);
startEmbeddedPostgres(JSON.parse(process.argv[2])).then(
  (db) => {
    process.stdout.write(JSON.stringify({ url: db.url }) + '\\n');
    process.once('SIGTERM', () => db.stop().then(() => process.exit(0)));
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
`;

/** Runs an embedded PostgreSQL in a child process until stopped; resolves with its URL. */
function servePostgres(options: object): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-e', SERVE_POSTGRES, EMBEDDED_POSTGRES, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('{"url"'));
      if (line) {
        resolve({ child, url: (JSON.parse(line) as { url: string }).url });
      }
    });
    child.once('exit', () => reject(new Error(`the embedded PostgreSQL did not start:\n${output}`)));
  });
}

/** An embedded PostgreSQL in a throwaway folder, with a fixed port so it can come back where it was. */
export async function startFaultablePostgres(): Promise<FaultablePostgres> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'strata-faults-'));
  const options = { dataDir, database: 'strata_faults_test', persistent: true, port: await freePort() };
  let server: ChildProcess | undefined;
  const start = async () => {
    server = (await servePostgres(options)).child;
  };
  const first = await servePostgres(options);
  server = first.child;
  let frozen: number[] = [];

  const thaw = () => {
    for (const pid of frozen) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // Already gone.
      }
    }
    frozen = [];
  };
  const stop = async () => {
    thaw();
    const running = server;
    server = undefined;
    if (running && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGTERM');
      await exited;
    }
  };
  return {
    url: first.url,
    freeze: () => {
      const postmaster = Number(
        readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      frozen = [postmaster, ...descendants(postmaster)];
      for (const pid of frozen) {
        process.kill(pid, 'SIGSTOP');
      }
    },
    thaw,
    stop,
    start,
    destroy: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Whether a `redis-server` binary is on PATH; the Redis fault tests that need one skip without it. */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface ThrowawayRedis {
  readonly url: string;
  /** SIGSTOP: connections stay open, commands go unanswered. */
  freeze(): void;
  thaw(): void;
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** A `redis-server` of our own on a free loopback port, in memory only (no dump, no append-only file). */
export async function startThrowawayRedis(): Promise<ThrowawayRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    for (let attempt = 0; !(await answersPing(port)); attempt += 1) {
      if (attempt > 50 || child.exitCode !== null) {
        throw new Error(`redis-server did not start on port ${port}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await start();
  const signal = (name: NodeJS.Signals) => child?.kill(name);
  return {
    url: `redis://127.0.0.1:${port}`,
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
    start,
    stop: async () => {
      signal('SIGCONT');
      const running = child;
      child = undefined;
      if (running && running.exitCode === null) {
        const exited = new Promise((resolve) => running.once('exit', resolve));
        running.kill('SIGKILL');
        await exited;
      }
    },
  };
}
