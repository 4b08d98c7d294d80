import type { ChildProcess } from 'node:child_process';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findFreePort as freePort } from '../src/common/net/free-port';

const ROOT = path.resolve(__dirname, '..', '..');

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const TASKSET = hasTaskset();
export const SERVER_CORE = process.env.BENCH_SERVER_CORE ?? '0';
export const LOAD_CORE = process.env.BENCH_LOAD_CORE ?? '1';

/** Moves this process (the load generator) onto its own core; servers get the other one. */
export function pinSelf(): void {
  if (TASKSET) {
    execFileSync('taskset', ['-cp', LOAD_CORE, String(process.pid)], { stdio: 'ignore' });
  }
}

export interface Server {
  name: string;
  port: number;
  child: ChildProcess;
  /** Resident set size now, in MB, from /proc (0 where there is no /proc). */
  rssMb(): number;
  /** The process's peak resident set size since it started (VmHWM), in MB. */
  peakRssMb(): number;
  /** CPU time (user + system) the process has used so far, in seconds (0 where there is no /proc). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

function procStatus(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
    return kib === undefined ? 0 : Number(kib) / 1024;
  } catch {
    return 0;
  }
}

/** utime + stime from /proc/<pid>/stat, in clock ticks of 1/100 s (USER_HZ on Linux). */
function procCpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * Starts `node <script>` pinned to the server core (taskset execs node, so the pid is node's) and
 * waits until `readyPath` answers 200. Its stdout (the request log) goes to /dev/null.
 */
export async function startServer(
  name: string,
  script: string,
  env: Record<string, string>,
  readyPath: string,
  nodeArgs: string[] = [],
): Promise<Server> {
  const port = await freePort();
  const nodeCommand = [process.execPath, ...nodeArgs, path.resolve(ROOT, script)];
  const [command, ...args] = TASKSET ? ['taskset', '-c', SERVER_CORE, ...nodeCommand] : nodeCommand;
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let attempt = 0; ; attempt += 1) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited during startup:\n${stderr}`);
    }
    const ready = await fetch(`http://127.0.0.1:${port}${readyPath}`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ready) {
      break;
    }
    if (attempt > 240) {
      child.kill('SIGKILL');
      throw new Error(`${name} never became ready:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    name,
    port,
    child,
    rssMb: () => procStatus(child.pid, 'VmRSS'),
    peakRssMb: () => procStatus(child.pid, 'VmHWM'),
    cpuSeconds: () => procCpuSeconds(child.pid),
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** Runs `node <script>` to completion pinned to the server core, and returns what it printed. */
export async function runPinned(script: string): Promise<string> {
  const nodeCommand = [process.execPath, path.resolve(ROOT, script)];
  const [command, ...args] = TASKSET ? ['taskset', '-c', SERVER_CORE, ...nodeCommand] : nodeCommand;
  const { stdout } = await promisify(execFile)(command, args, { cwd: ROOT });
  return stdout.trim();
}
