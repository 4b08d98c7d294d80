import type { Db as PgBossDb } from 'pg-boss';
import type { Transaction } from '../database/database';

/**
 * pg-boss's `db` option over the caller's transaction: a job inserted through it is part of that
 * unit of work, so it exists if and only if the transaction commits (and its NOTIFY, sent at
 * commit, wakes the workers only then).
 */
export function transactionDb(tx: Transaction): PgBossDb {
  return {
    executeSql: async (text: string, values?: unknown[]) => {
      const runner = tx.queryRunner;
      if (runner === undefined) {
        throw new Error('JobsService.enqueue needs a transaction from Database.transaction');
      }
      const result = (await runner.query(text, values, true)) as { records?: unknown[] };
      return { rows: result.records ?? [] };
    },
  };
}
