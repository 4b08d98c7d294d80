import type { RateLimitRecord, RateLimitStorage } from './rate-limit-storage';

interface Window {
  hits: number;
  endsAt: number;
}

/** How often windows that have ended are dropped, so idle clients cost no memory (unref'd: never holds the process). */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Fixed-window counters in process: the same rule as RedisThrottlerStorage, so a client meets the
 * same limiter with or without Redis. O(1) per request and one small entry per client and budget;
 * the throttler's own in-memory storage keeps a timestamp per hit and filters that list on every
 * request, which grows to tens of thousands of entries for one busy client (docs/performance.md).
 */
export class MemoryThrottlerStorage implements RateLimitStorage {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();

  increment(key: string, ttl: number, limit: number): Promise<RateLimitRecord> {
    return Promise.resolve(this.incrementNow(key, ttl, limit));
  }

  incrementNow(key: string, ttl: number, limit: number): RateLimitRecord {
    const now = Date.now();
    let window = this.windows.get(key);
    if (window === undefined || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + ttl };
      this.windows.set(key, window);
    }
    window.hits += 1;
    const seconds = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
    const isBlocked = window.hits > limit;
    return {
      totalHits: window.hits,
      timeToExpire: seconds,
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds : 0,
      timeToExpireMs: window.endsAt - now,
    };
  }

  reset(key: string): Promise<void> {
    this.windows.delete(key);
    return Promise.resolve();
  }

  private sweep(now = Date.now()): void {
    for (const [key, window] of this.windows) {
      if (window.endsAt <= now) {
        this.windows.delete(key);
      }
    }
  }
}
