import path from 'node:path';
import { createApp } from './app.setup';
import { reportStartFailure } from './bootstrap/start-failure';
import { tuneHeap } from './bootstrap/heap-tuning';
import { listenOrigin } from './bootstrap/listen-origin';
import { createLoggers } from './common/logging/loggers';
import type { Loggers } from './common/logging/loggers';
import { readOrCreateSecret } from './common/crypto/secret-file';
import { loadConfig } from './config/load-config';
import { loadEnvFile } from './config/load-env-file';
import { JobHandlers } from './jobs/job-handlers';
import { shutDownOnSignals } from './lifecycle/process-shutdown';
import { OpsListener } from './ops/ops-listener';

let loggers: Loggers | undefined;

/** Why `npm run worker` does not start an embedded database of its own. */
export const WORKER_NEEDS_DATABASE_URL =
  'npm run worker needs DATABASE_URL: the workers must share the database of the API instances (an embedded one belongs to the `npm start` that made it, which runs the workers itself unless JOBS_WORKER=false)';

/**
 * `npm run worker`: the job workers without the API, for deployments that scale them apart. The
 * same app as `npm start` (migrations, modules, handlers), with no listener but OPS_PORT's for
 * /metrics and the probes when it is set, and JOBS_WORKER on whatever the environment says.
 */
async function worker(): Promise<void> {
  tuneHeap();
  loadEnvFile();
  const loaded = loadConfig(process.env);
  loggers = createLoggers(loaded);
  const log = loggers.app.child({ context: 'Bootstrap' });
  if (loaded.databaseUrl === undefined) {
    throw new Error(WORKER_NEEDS_DATABASE_URL);
  }
  // Its tokens are never checked here, but the app's modules need the secret the API signs with.
  const jwtSecret = loaded.jwtSecret ?? (await readOrCreateSecret(path.join(loaded.dataDir, 'jwt-secret')));
  const config = { ...loaded, databaseUrl: loaded.databaseUrl, jwtSecret, jobsWorker: true };
  const app = await createApp(config, { loggers });
  const servers = [];
  if (config.opsPort !== undefined) {
    const ops = app.get(OpsListener);
    await ops.listen(config.opsPort, config.host);
    if (ops.server !== undefined) {
      servers.push(ops.server);
      log.info(`Metrics and probes on ${listenOrigin(ops.server.address())}`);
    }
  }
  const queues = [...app.get(JobHandlers).queues.keys()].join(', ');
  log.info(`Strata job workers running (queues: ${queues || 'none'})`);
  shutDownOnSignals({ app, config, servers, loggers, log });
}

worker().catch(async (error: unknown) => {
  await reportStartFailure(error, loggers).catch(() => undefined);
  process.exit(1);
});
