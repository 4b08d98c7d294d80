import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/database';
import { JobBoss } from './job-boss';
import { JobHandlers } from './job-handlers';
import { transactionDb } from './transaction-db';

export interface EnqueueOptions {
  /** At most one queued job per key and queue. */
  singletonKey?: string;
  /** Do not run it before this many seconds from now. */
  startAfterSeconds?: number;
}

/** Two-key advisory locks of this class serialise enqueues of one singleton key (the second key hashes it). */
const SINGLETON_LOCK_CLASS = 727_274_002;

/** The durable job queue in PostgreSQL (pg-boss, schema `jobs`). */
@Injectable()
export class JobsService {
  constructor(
    private readonly boss: JobBoss,
    private readonly handlers: JobHandlers,
  ) {}

  /**
   * Adds a job inside the caller's transaction: it exists if and only if the transaction commits.
   * Resolves to the job's id; with a `singletonKey` that already has a job waiting (queued or
   * waiting for a retry), to that job's id, and nothing is added.
   */
  async enqueue<T extends object>(
    tx: Transaction,
    queue: string,
    data: T,
    options: EnqueueOptions = {},
  ): Promise<string> {
    if (!this.handlers.queues.has(queue)) {
      throw new Error(
        `No provider handles the job queue "${queue}": mark one with @JobQueue({ name: '${queue}' })`,
      );
    }
    const boss = await this.boss.ready();
    const db = transactionDb(tx);
    const { singletonKey, startAfterSeconds } = options;
    if (singletonKey !== undefined) {
      // Queue names have no ":", so the pair is unambiguous. Held until the transaction ends: a concurrent enqueue of the same key waits for this one to
      // commit, then finds its job.
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
        SINGLETON_LOCK_CLASS,
        `${queue}:${singletonKey}`,
      ]);
      const [waiting] = await boss.findJobs(queue, { key: singletonKey, queued: true, limit: 1, db });
      if (waiting !== undefined) {
        return waiting.id;
      }
    }
    const id = await boss.send(queue, data, {
      db,
      ...(singletonKey !== undefined ? { singletonKey } : {}),
      ...(startAfterSeconds !== undefined ? { startAfter: startAfterSeconds } : {}),
    });
    if (id === null) {
      throw new Error(`The job queue "${queue}" refused the job`);
    }
    return id;
  }
}
