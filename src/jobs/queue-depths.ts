import type { Db } from '../database/database';
import { JOBS_SCHEMA } from './queue-settings';

/**
 * Jobs waiting in each queue (queued, deferred or waiting for a retry; not those running), read
 * from pg-boss's tables at once rather than from its statistics, which lag by up to a minute. A
 * dead-letter queue's depth is the number of jobs that ran out of tries and are kept.
 */
export async function readQueueDepths(db: Db): Promise<Map<string, number>> {
  const rows = await db.query<Array<{ name: string; depth: number }>>(
    `SELECT q.name, count(j.id)::int AS depth
       FROM ${JOBS_SCHEMA}.queue q
       LEFT JOIN ${JOBS_SCHEMA}.job j ON j.name = q.name AND j.state < 'active'
      GROUP BY q.name`,
  );
  return new Map(rows.map((row) => [row.name, row.depth]));
}
