import type { ThrottlerStorage } from '@nestjs/throttler';

/** What the throttler's storage answers for one hit (the package exports the storage, not its record). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** The throttler's record, plus the exact time left (its own fields are rounded up to whole seconds). */
export interface RateLimitRecord extends ThrottlerStorageRecord {
  /** Milliseconds until the window ends. */
  timeToExpireMs: number;
}

/** The throttler's storage, plus forgetting a counter (a sign-in that succeeded clears its failures). */
export interface RateLimitStorage extends ThrottlerStorage {
  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    name: string,
  ): Promise<RateLimitRecord>;
  reset(key: string): Promise<void>;
  /**
   * The same count as `increment`, answered at once: only a storage whose counters are in process
   * has it, and the guard then counts without awaiting anything.
   */
  incrementNow?(key: string, ttl: number, limit: number): RateLimitRecord;
}
