import path from 'node:path';
import type { Logger } from 'pino';
import type { AppConfigValues, LoadedConfig } from './config/app-config';
import type { EmbeddedDatabase } from './database/embedded-postgres';
import { readOrCreateSecret, startEmbeddedPostgres } from './database/embedded-postgres';

const EMBEDDED_DATABASE_NAME = 'strata';

/**
 * Development conveniences, and what turns the loaded configuration into the one the app runs
 * with: an embedded database when DATABASE_URL is unset, and a JWT secret kept under DATA_DIR when
 * JWT_SECRET is (production has refused both already).
 */
export async function withDevelopmentDefaults(
  config: LoadedConfig,
  log: Logger,
): Promise<{ config: AppConfigValues; embedded?: EmbeddedDatabase }> {
  const jwtSecret = config.jwtSecret ?? (await readOrCreateSecret(path.join(config.dataDir, 'jwt-secret')));
  if (config.databaseUrl) {
    return { config: { ...config, jwtSecret, databaseUrl: config.databaseUrl } };
  }
  log.info(`Starting the embedded PostgreSQL (data in ${config.dataDir})`);
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    database: EMBEDDED_DATABASE_NAME,
    persistent: true,
  });
  return { config: { ...config, jwtSecret, databaseUrl: embedded.url }, embedded };
}
