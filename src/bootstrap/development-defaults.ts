import path from 'node:path';
import type { AppConfigValues, LoadedConfig } from '../config/app-config';
import type { EmbeddedDatabase } from '../database/embedded-postgres';
import { readOrCreateSecret } from '../common/crypto/secret-file';
import { startEmbeddedPostgres } from '../database/embedded-postgres';

const EMBEDDED_DATABASE_NAME = 'strata';

/** Where a caller reports the start of the embedded database: a pino logger, or the console. */
export interface StartupLog {
  info(message: string): void;
}

/**
 * Development conveniences, and what turns the loaded configuration into the one the app runs
 * with: a JWT secret kept under DATA_DIR when JWT_SECRET is unset, and the embedded PostgreSQL (the
 * caller stops it) when DATABASE_URL is (production has refused both already). The app, the cluster
 * supervisor and the operator scripts start the same way.
 */
export async function withDevelopmentDefaults(
  config: LoadedConfig,
  log: StartupLog,
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
