import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { connectAndMigrate } from '../../src/database/connect-database';
import { Database } from '../../src/database/database';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { createTestDatabase, dropTestDatabase } from './test-database';

export interface RepositoryDatabase {
  /** What services get: the pool and transactions, on a fresh, migrated database of this file's own. */
  db: Database;
  dataSource: DataSource;
  close: () => Promise<void>;
}

/**
 * A fresh database with every migration applied, without the app: for tests of a repository's
 * statements on the real PostgreSQL (the suite's embedded one, or DATABASE_URL's server).
 */
export async function openRepositoryDatabase(): Promise<RepositoryDatabase> {
  // No app, so no app logger: Nest's default one would print the migration lines into the test output.
  Logger.overrideLogger(false);
  const url = await createTestDatabase();
  const dataSource = await connectAndMigrate(
    buildDataSourceOptions({ url, poolSize: 4, connectTimeoutSeconds: 10, statementTimeoutSeconds: 30 }),
    { attempts: 1, delayMs: 0 },
  );
  return {
    db: new Database(dataSource),
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await dropTestDatabase(url);
    },
  };
}

/** PostgreSQL's "lock not available", what `FOR UPDATE NOWAIT` raises on a row another transaction holds. */
export const LOCK_NOT_AVAILABLE = '55P03';
