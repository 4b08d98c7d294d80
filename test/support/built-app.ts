import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/** The built app as a user runs it: `node dist/src/main.js`, what `npm start` runs after building. */
const MAIN = path.resolve(__dirname, '..', '..', 'dist', 'src', 'main.js');
/** `npm run worker`'s entry: the job workers without the API. */
const WORKER = path.resolve(__dirname, '..', '..', 'dist', 'src', 'worker.js');

export interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Every app started, so a suite's afterAll can stop what a failed test left running. */
export const runs: Run[] = [];

/**
 * Starts the built app with only PATH and HOME from the environment, plus `env`; `viaNpm` runs
 * `npm start` in the project instead, exactly as a user does; `worker` runs the job workers' entry.
 */
export function startBuiltApp(
  env: Record<string, string>,
  options: { viaNpm?: boolean; worker?: boolean } = {},
): Run {
  const [command, args] = options.viaNpm
    ? ['npm', ['start', '--silent']]
    : [process.execPath, [options.worker ? WORKER : MAIN]];
  const child = spawn(command, args, {
    cwd: path.resolve(__dirname, '..', '..'),
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

export async function stopAll(): Promise<void> {
  for (const run of runs.filter((r) => r.child.exitCode === null)) {
    run.child.kill('SIGTERM');
    await run.exited;
  }
}

export { findFreePort as freePort } from '../../src/common/net/free-port';

/** Polls readiness; gives up after `attempts` tries so a broken start fails instead of hanging. */
export async function waitUntilReady(port: number, run: Run, attempts = 240): Promise<void> {
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
