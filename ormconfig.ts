import { DataSource } from 'typeorm';
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

export default new DataSource(
  buildDataSourceOptions({
    url: config.databaseUrl,
    poolSize: 2,
    connectTimeoutSeconds: config.dbConnectTimeout,
    statementTimeoutSeconds: config.dbStatementTimeout,
  }),
);
