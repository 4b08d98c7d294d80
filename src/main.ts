import cluster from 'node:cluster';
import { createApp } from './app.setup';
import { createLoggers } from './common/logging/loggers';
import type { Loggers } from './common/logging/loggers';
import { loadConfig } from './config/load-config';
import { loadEnvFile } from './config/load-env-file';
import { runClusterPrimary } from './bootstrap/cluster-primary';
import { withDevelopmentDefaults } from './bootstrap/development-defaults';
import { reportStartFailure } from './bootstrap/start-failure';
import { closeConnectionsOnShutdown } from './lifecycle/graceful-shutdown';
import { shutDownOnSignals } from './lifecycle/process-shutdown';
import { tuneHeap } from './bootstrap/heap-tuning';
import { OpsListener } from './ops/ops-listener';
import { ShutdownState } from './lifecycle/shutdown-state';
import { listenOrigin } from './bootstrap/listen-origin';

/** Every line this process writes is a log line, as JSON (pretty on a terminal in development). */
let loggers: Loggers | undefined;

async function main(): Promise<void> {
  tuneHeap();
  loadEnvFile();
  const loaded = loadConfig(process.env);
  loggers = createLoggers(loaded);
  const log = loggers.app.child({ context: 'Bootstrap' });
  if (loaded.clusterWorkers > 1 && cluster.isPrimary) {
    await runClusterPrimary(loaded, log);
    return;
  }
  const { config, embedded } = await withDevelopmentDefaults(loaded, log);

  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(config, { loggers });
    await app.listen(config.port, config.host);
    if (config.opsPort !== undefined) {
      await app.get(OpsListener).listen(config.opsPort, config.host);
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }

  const shutdownState = app.get(ShutdownState);
  // The public listener and, with OPS_PORT, the internal one: both drain and close together.
  const opsServer = app.get(OpsListener).server;
  const servers = [app.getHttpServer(), opsServer].filter((s) => s !== undefined);
  servers.forEach((server) => closeConnectionsOnShutdown(server, shutdownState));
  const origin = listenOrigin(app.getHttpServer().address());
  const docs = config.docsEnabled ? ` — Swagger UI on ${origin}/docs` : '';
  log.info(`Strata API on ${origin}/api/v1${docs}`);
  if (opsServer !== undefined) {
    log.info(`Metrics and probes on ${listenOrigin(opsServer.address())}`);
  }

  shutDownOnSignals({ app, config, servers, embedded, loggers, log });
}

main().catch(async (error: unknown) => {
  await reportStartFailure(error, loggers).catch(() => undefined);
  process.exit(1);
});
