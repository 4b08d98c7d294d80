import type { Server } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Loggers } from '../common/logging/loggers';
import type { AppConfigValues } from '../config/app-config';
import type { EmbeddedDatabase } from '../database/embedded-postgres';
import { closeServer, delay } from './graceful-shutdown';
import { ShutdownState } from './shutdown-state';

export interface ShutdownParts {
  app: INestApplicationContext;
  config: Pick<AppConfigValues, 'shutdownGrace' | 'shutdownDrain'>;
  /** The listeners to drain and close; none for a process that runs only job workers. */
  servers: Server[];
  embedded?: EmbeddedDatabase;
  loggers: Loggers;
  log: Logger;
}

/**
 * On SIGTERM or SIGINT: readiness turns 503 at once (and job workers stop taking jobs); the
 * listeners stay open for SHUTDOWN_DRAIN so balancers notice (probes on OPS_PORT included) before
 * connections are refused; then in-flight requests finish and connections close, and only then do
 * Nest's shutdown hooks let running jobs finish and release the pool, Redis and the embedded
 * database. Past SHUTDOWN_GRACE the process exits 1 anyway.
 */
export function shutDownOnSignals(parts: ShutdownParts): void {
  const { app, config, servers, embedded, loggers, log } = parts;
  const shutdownState = app.get(ShutdownState);
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      return;
    }
    stopping = true;
    log.info(`${signal} received: finishing in-flight work`);
    shutdownState.beginShutdown();
    const forceExit = setTimeout(() => {
      log.error(`Shutdown took longer than ${config.shutdownGrace}s; exiting`);
      process.exit(1);
    }, config.shutdownGrace * 1000);
    forceExit.unref();
    if (servers.length > 0) {
      await delay(config.shutdownDrain);
      await Promise.all(servers.map(closeServer));
    }
    await app.close();
    await embedded?.stop();
    await loggers.flush();
    clearTimeout(forceExit);
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void shutdown(signal));
  process.once('SIGINT', (signal) => void shutdown(signal));
}
