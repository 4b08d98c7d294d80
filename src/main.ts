import cluster from 'node:cluster';
import { createApp } from './app.setup';
import { createLoggers } from './common/logging/loggers';
import type { Loggers } from './common/logging/loggers';
import type { AppConfigValues } from './config/app-config';
import { ConfigError, loadConfig } from './config/load-config';
import { loadEnvFile } from './config/load-env-file';
import { runClusterPrimary } from './bootstrap/cluster-primary';
import { withDevelopmentDefaults } from './bootstrap/development-defaults';
import { closeConnectionsOnShutdown, closeServer, delay } from './lifecycle/graceful-shutdown';
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
    log.info(`${signal} received: finishing in-flight requests`);
    shutdownState.beginShutdown();
    const forceExit = setTimeout(() => {
      log.error(`Shutdown took longer than ${config.shutdownGrace}s; exiting`);
      process.exit(1);
    }, config.shutdownGrace * 1000);
    forceExit.unref();
    await delay(config.shutdownDrain);
    await Promise.all(servers.map(closeServer));
    await app.close();
    await embedded?.stop();
    await loggers?.flush();
    clearTimeout(forceExit);
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}

/** What stopped the start, as the last line(s): one per bad variable, else one, without a stack. */
async function reportStartFailure(error: unknown): Promise<void> {
  const out = loggers ?? createLoggers(fallbackLogSettings());
  const log = out.app.child({ context: 'Bootstrap' });
  if (error instanceof ConfigError) {
    error.problems.forEach((problem) => log.fatal(problem));
  } else {
    log.fatal(messageOf(error));
  }
  await out.flush();
}

/** The configuration did not load, so its LOG_LEVEL is unknown: a fatal line always shows. */
function fallbackLogSettings(): Pick<AppConfigValues, 'nodeEnv' | 'logLevel'> {
  return { nodeEnv: process.env.NODE_ENV === 'production' ? 'production' : 'development', logLevel: 'info' };
}

function messageOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    return `Cannot listen on ${process.env.HOST ?? '0.0.0.0'}:${process.env.PORT ?? 3000} (${code}): check PORT and HOST`;
  }
  return error instanceof Error ? error.message : String(error);
}

main().catch(async (error: unknown) => {
  await reportStartFailure(error).catch(() => undefined);
  process.exit(1);
});
