import { createHash } from 'node:crypto';
import type { BudgetState } from './rate-limit-headers';
import type { RateLimitStorage } from './rate-limit-storage';

/** Lower-cased and trimmed, so `Ada@Example.com ` and `ada@example.com` are one account. */
function normalizeAccount(account: string): string {
  return account.trim().toLowerCase();
}

/**
 * The storage key for what a caller typed (an account, an address), known or not: a hash of it, so
 * no key names anyone and a key says nothing about which accounts exist.
 */
export function keyOfTyped(prefix: string, typed: string): string {
  return `${prefix}:${createHash('sha256').update(normalizeAccount(typed)).digest('base64url')}`;
}

/**
 * A budget per key beside the per-client budgets, in the same storage (Redis when configured,
 * shared by every instance; in-process otherwise): `limit` counts per window, then every further
 * count is refused until the window ends.
 */
export class KeyedBudget {
  private readonly ttlMs: number;

  constructor(
    private readonly storage: RateLimitStorage,
    private readonly name: string,
    windowSeconds: number,
    private readonly limit: number,
  ) {
    this.ttlMs = windowSeconds * 1000;
  }

  /** Counts one for `key`; the budget's state when that count is refused, otherwise undefined. */
  async count(key: string): Promise<BudgetState | undefined> {
    const record = await this.storage.increment(key, this.ttlMs, this.limit, this.ttlMs, this.name);
    if (!record.isBlocked) {
      return undefined;
    }
    return {
      name: this.name,
      limit: this.limit,
      remaining: 0,
      resetSeconds: record.timeToBlockExpire,
      windowSeconds: Math.ceil(this.ttlMs / 1000),
    };
  }

  /** Forgets what was counted for `key`. */
  reset(key: string): Promise<void> {
    return this.storage.reset(key);
  }
}
