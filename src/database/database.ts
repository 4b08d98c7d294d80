import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager } from 'typeorm';

declare const inTransaction: unique symbol;

/**
 * What a repository method runs its statements on: `Database.pool` (each statement commits on its
 * own) or a `Transaction`. Every repository method takes one as its first argument, so a call site
 * always says which it is.
 */
export type Db = EntityManager;

/**
 * A transaction's connection, handed out only by `Database.transaction`. A repository method that
 * takes a row lock accepts nothing else, so a lock is never taken where it would end at once.
 */
export type Transaction = EntityManager & { readonly [inTransaction]: true };

/** The one way services reach the database: the pool for single statements, or one unit of work. */
@Injectable()
export class Database {
  /** Outside any transaction: for reads and writes of a single statement. */
  readonly pool: Db;

  constructor(private readonly dataSource: DataSource) {
    this.pool = dataSource.manager;
  }

  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws (the
   * error goes on up). Locks taken inside are held until then. Invalidate caches after it returns.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(manager as Transaction));
  }
}
