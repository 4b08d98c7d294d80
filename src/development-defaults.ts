import path from 'node:path';
import type { AppConfigValues } from './config/app-config';
import type { EmbeddedDatabase } from './database/embedded-postgres';
import { readOrCreateSecret } from './common/crypto/secret-file';
import { startEmbeddedPostgres } from './database/embedded-postgres';

const EMBEDDED_DATABASE_NAME = 'strata';

/** Where a caller reports the start of the embedded database: a pino logger, or the console. */
export interface StartupLog {
  info(message: string): void;
}

/**
 * What development leaves unset, filled in under DATA_DIR: a JWT secret kept in a file, and, without
 * DATABASE_URL, the embedded PostgreSQL (the caller stops it). The app, the cluster supervisor and the
 * operator scripts start the same way.
 */
export async function withDevelopmentDefaults(
  config: AppConfigValues,
  log: StartupLog,
): Promise<{ config: AppConfigValues; embedded?: EmbeddedDatabase }> {
  const jwtSecret = config.jwtSecret ?? (await readOrCreateSecret(path.join(config.dataDir, 'jwt-secret')));
  if (config.databaseUrl) {
    return { config: { ...config, jwtSecret } };
  }
  log.info(`Starting the embedded PostgreSQL (data in ${config.dataDir})`);
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    database: EMBEDDED_DATABASE_NAME,
    persistent: true,
  });
  return { config: { ...config, jwtSecret, databaseUrl: embedded.url }, embedded };
}
