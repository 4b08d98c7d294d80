import type { DataSource } from 'typeorm';

/** An arbitrary, fixed key: every Strata instance takes the same lock. */
const MIGRATION_LOCK_KEY = 727_274_001;

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so when several instances start
 * at once one migrates and the others wait, then find nothing left to do.
 */
export async function runMigrationsWithLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
