import path from 'node:path';
import type { Logger } from 'pino';
import type { AppConfigValues } from './config/app-config';
import type { EmbeddedDatabase } from './database/embedded-postgres';
import { readOrCreateSecret } from './common/crypto/secret-file';
import { startEmbeddedPostgres } from './database/embedded-postgres';

const EMBEDDED_DATABASE_NAME = 'strata';

/** Development conveniences: an embedded database and a JWT secret kept under DATA_DIR. */
export async function withDevelopmentDefaults(
  config: AppConfigValues,
  log: Logger,
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
