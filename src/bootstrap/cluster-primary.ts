import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { LoadedConfig } from '../config/app-config';
import { withDevelopmentDefaults } from './development-defaults';

/** A worker that died on its own is replaced after this pause, so a crash loop cannot spin. */
const RESPAWN_DELAY_MS = 1_000;

/**
 * CLUSTER_WORKERS > 1: this process only supervises. It starts the embedded database if there is
 * one (workers get its URL and the JWT secret), forks the workers, which share the port and run
 * the app as a single process would (migrations are advisory-locked, so they run once), replaces
 * a worker that dies, and on SIGTERM or SIGINT lets every worker finish its requests before the
 * database stops.
 */
export async function runClusterPrimary(base: LoadedConfig, log: Logger): Promise<void> {
  const { config, embedded } = await withDevelopmentDefaults(base, log);
  const env = { DATABASE_URL: config.databaseUrl, JWT_SECRET: config.jwtSecret };
  let stopping = false;

  const fork = () => cluster.fork(env);
  const listening = new Set<Worker>();
  cluster.on('listening', (worker: Worker) => {
    // With OPS_PORT a worker listens twice; the first of its two events counts.
    if (listening.has(worker)) {
      return;
    }
    listening.add(worker);
    // A worker that dies before it listened stops everything, so reaching N means all of them.
    if (listening.size === config.clusterWorkers) {
      log.info(`All ${config.clusterWorkers} workers are listening`);
    }
  });
  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    if (stopping) {
      return;
    }
    if (!listening.delete(worker)) {
      // It never served: a bad configuration or an unreachable database, which a new one would hit too.
      log.error(`Worker ${worker.process.pid} failed to start (${signal ?? code}); stopping`);
      void shutdown(1);
      return;
    }
    log.error(`Worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    setTimeout(() => {
      if (!stopping) {
        fork();
      }
    }, RESPAWN_DELAY_MS).unref();
  });
  for (let index = 0; index < config.clusterWorkers; index += 1) {
    fork();
  }

  async function shutdown(exitCode: number): Promise<void> {
    if (stopping) {
      return;
    }
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    const exited = workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve)));
    // SIGTERM even after a Ctrl-C: the terminal sent SIGINT to the workers already, and a second
    // SIGINT would kill them in the middle of their requests. Each handles one of each.
    workers.forEach((worker) => worker.process.kill('SIGTERM'));
    const forceKill = setTimeout(
      () => workers.forEach((worker) => worker.process.kill('SIGKILL')),
      (config.shutdownGrace + 1) * 1000,
    );
    await Promise.all(exited);
    clearTimeout(forceKill);
    await embedded?.stop();
    // The log is written asynchronously: what it still buffers (why the workers stopped) goes out first.
    await new Promise<void>((resolve) => log.flush(() => resolve()));
    process.exit(exitCode);
  }
  process.once('SIGTERM', () => void shutdown(0));
  process.once('SIGINT', () => void shutdown(0));
}
