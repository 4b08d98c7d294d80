import cluster from 'node:cluster';
import { Logger } from 'nestjs-pino';
import { createApp } from './app.setup';
import type { Loggers } from './common/logging/loggers';
import { LOGGERS } from './common/logging/logging.module';
import { loadConfig } from './config/load-config';
import { loadEnvFile } from './config/load-env-file';
import { runClusterPrimary } from './cluster-primary';
import { withDevelopmentDefaults } from './development-defaults';
import { closeConnectionsOnShutdown, closeServer, delay } from './health/graceful-shutdown';
import { tuneHeap } from './heap-tuning';
import { OpsListener } from './health/ops-listener';
import { ShutdownState } from './health/shutdown-state';

async function main(): Promise<void> {
  tuneHeap();
  loadEnvFile();
  const loaded = loadConfig(process.env);
  if (loaded.clusterWorkers > 1 && cluster.isPrimary) {
    await runClusterPrimary(loaded);
    return;
  }
  const { config, embedded } = await withDevelopmentDefaults(loaded);

  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp(config);
    await app.listen(config.port, config.host);
    if (config.opsPort !== undefined) {
      await app.get(OpsListener).listen(config.opsPort, config.host);
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }

  const logger = app.get(Logger);
  const loggers = app.get<Loggers>(LOGGERS);
  const shutdownState = app.get(ShutdownState);
  // The public listener and, with OPS_PORT, the internal one: both drain and close together.
  const servers = [app.getHttpServer(), app.get(OpsListener).server].filter((s) => s !== undefined);
  servers.forEach((server) => closeConnectionsOnShutdown(server, shutdownState));
  const hostname = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const origin = `http://${hostname}:${config.port}`;
  const docs = config.docsEnabled ? ` — Swagger UI on ${origin}/docs` : '';
  logger.log(`Strata API on ${origin}/api/v1${docs}`, 'Bootstrap');
  if (config.opsPort !== undefined) {
    logger.log(`Metrics and probes on http://${hostname}:${config.opsPort}`, 'Bootstrap');
  }

  let stopping = false;
  /**
   * Readiness turns 503 at once; the listeners stay open for SHUTDOWN_DRAIN so balancers notice
   * (probes on OPS_PORT included) before connections are refused; then in-flight requests finish
   * and connections close, and only then do Nest's shutdown hooks release the pool, Redis and the
   * embedded database.
   */
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.log(`${signal} received: finishing in-flight requests`, 'Bootstrap');
    shutdownState.beginShutdown();
    const forceExit = setTimeout(() => {
      logger.error(`Shutdown took longer than ${config.shutdownGrace}s; exiting`, 'Bootstrap');
      process.exit(1);
    }, config.shutdownGrace * 1000);
    forceExit.unref();
    await delay(config.shutdownDrain);
    await Promise.all(servers.map(closeServer));
    await app.close();
    await embedded?.stop();
    await loggers.flush();
    clearTimeout(forceExit);
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
