import path from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseSettings {
  url: string;
  poolSize: number;
  connectTimeoutSeconds: number;
  statementTimeoutSeconds: number;
}

const ROOT = path.resolve(__dirname, '..');

/**
 * The one description of the database, shared by the app and the migration CLI (ormconfig.ts).
 * Entities and migrations are found by file pattern, so a generated module needs no edit here
 * (the feature modules' entities, and the tables of the infrastructure beside them, such as mail's).
 */
export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    namingStrategy: new SnakeNamingStrategy(),
    entities: [path.join(ROOT, 'modules/**/*.entity.{ts,js}'), path.join(ROOT, 'mail/*.entity.{ts,js}')],
    migrations: [path.join(ROOT, 'database/migrations/*.{ts,js}')],
    migrationsTableName: 'migrations',
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install, no superuser needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: settings.poolSize,
      connectionTimeoutMillis: settings.connectTimeoutSeconds * 1000,
      // A query that hangs (a frozen server, a lock) fails instead of holding a request forever.
      statement_timeout: settings.statementTimeoutSeconds * 1000,
      query_timeout: (settings.statementTimeoutSeconds + 1) * 1000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      application_name: 'strata',
    },
  };
}
