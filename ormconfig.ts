import { AdvancedConsoleLogger, DataSource } from 'typeorm';
import type { LogLevel } from 'typeorm';
import { loadConfig } from './src/config/load-config';
import { loadEnvFile } from './src/config/load-env-file';
import { buildDataSourceOptions } from './src/database/data-source-options';

/** The DataSource of the TypeORM CLI: the same options as the app, on DATABASE_URL. */
loadEnvFile();
const config = loadConfig(process.env);
if (!config.databaseUrl) {
  throw new Error(
    'The TypeORM CLI needs DATABASE_URL. The npm migration scripts provide a throwaway embedded database when it is unset.',
  );
}

/**
 * What the CLI prints. Its run and revert commands switch query logging on whatever the options
 * say, but keep a logger object as it is: so scripts/migrations.ts decides (no SQL unless
 * `--verbose`) through this variable.
 */
const LOG_LEVELS: LogLevel[] = (process.env.STRATA_MIGRATIONS_LOGGING ?? 'error,warn,schema')
  .split(',')
  .map((level) => level.trim())
  .filter((level): level is LogLevel => level.length > 0);

/**
 * The schema diff of `migration:generate` runs queries in parallel on one pg client, which pg
 * flags as deprecated; it is TypeORM's internals, not ours, and says nothing to act on. Only this
 * one warning is dropped: every other one still prints.
 */
const PG_QUEUE_DEPRECATION = 'Calling client.query() when the client is already executing a query';
const emitWarning = process.emitWarning.bind(process) as (
  warning: string | Error,
  ...rest: unknown[]
) => void;
process.emitWarning = (warning: string | Error, ...rest: unknown[]) => {
  const message = typeof warning === 'string' ? warning : warning.message;
  if (!message.startsWith(PG_QUEUE_DEPRECATION)) {
    emitWarning(warning, ...rest);
  }
};

export default new DataSource({
  ...buildDataSourceOptions({
    url: config.databaseUrl,
    poolSize: 2,
    connectTimeoutSeconds: config.dbConnectTimeout,
    statementTimeoutSeconds: config.dbStatementTimeout,
  }),
  logger: new AdvancedConsoleLogger(LOG_LEVELS),
});
