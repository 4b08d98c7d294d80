import { Injectable } from '@nestjs/common';
import type { Transaction } from '../database/database';

export interface EnqueueOptions {
  /** At most one queued job per key and queue. */
  singletonKey?: string;
  /** Do not run it before this many seconds from now. */
  startAfterSeconds?: number;
}

/** The durable job queue in PostgreSQL. INTERFACE ONLY in this base commit: the jobs branch implements it. */
@Injectable()
export class JobsService {
  /**
   * Adds a job inside the caller's transaction: it exists if and only if the transaction commits.
   * Resolves to the job's id.
   */
  enqueue<T extends object>(
    tx: Transaction,
    queue: string,
    data: T,
    options?: EnqueueOptions,
  ): Promise<string> {
    void tx;
    void queue;
    void data;
    void options;
    throw new Error('JobsService.enqueue: implemented on the jobs branch');
  }
}
