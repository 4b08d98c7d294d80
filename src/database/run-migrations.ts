import type { DataSource } from 'typeorm';

/** An arbitrary, fixed key: every Strata instance takes the same lock. */
const MIGRATION_LOCK_KEY = 727_274_001;

/**
 * Runs `work` while holding the schema lock, a PostgreSQL advisory lock on a connection of its own:
 * when several instances start at once, one changes the schema and the others wait, then find
 * nothing left to do. Everything that creates or upgrades tables at startup takes it.
 */
export async function withSchemaLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** Applies pending migrations under the schema lock. */
export async function runMigrationsWithLock(dataSource: DataSource): Promise<string[]> {
  return withSchemaLock(dataSource, async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  });
}
