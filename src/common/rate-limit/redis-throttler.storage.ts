import { Logger } from '@nestjs/common';
import { withRedisTimeout } from '../redis/redis.module';
import type { RedisClient } from '../redis/redis.module';
import type { RateLimitRecord, RateLimitStorage } from './rate-limit-storage';

/** One atomic step: count the hit, start the window on the first one, report the time left. */
const INCREMENT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return { hits, ttl }
`;

/**
 * Fixed-window counters in Redis, shared by every instance. If Redis fails or does not answer in
 * time, the limiter fails open (the request goes through): availability over strictness, and Redis
 * being down is already visible in readiness and the logs.
 */
export class RedisThrottlerStorage implements RateLimitStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private lastWarning = 0;

  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  async increment(key: string, ttl: number, limit: number): Promise<RateLimitRecord> {
    try {
      const [hits, remainingMs] = (await withRedisTimeout(
        this.client.eval(INCREMENT_SCRIPT, {
          keys: [this.keyOf(key)],
          arguments: [String(ttl)],
        }),
      )) as [number, number];
      const seconds = Math.max(1, Math.ceil(remainingMs / 1000));
      const isBlocked = hits > limit;
      return {
        totalHits: hits,
        timeToExpire: seconds,
        isBlocked,
        timeToBlockExpire: isBlocked ? seconds : 0,
        timeToExpireMs: remainingMs,
      };
    } catch (error) {
      this.warn(error);
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0, timeToExpireMs: 0 };
    }
  }

  async reset(key: string): Promise<void> {
    try {
      await withRedisTimeout(this.client.del(this.keyOf(key)));
    } catch (error) {
      this.warn(error);
    }
  }

  private keyOf(key: string): string {
    return `${this.prefix}:rate:${key}`;
  }

  private warn(error: unknown): void {
    if (Date.now() - this.lastWarning > 10_000) {
      this.lastWarning = Date.now();
      this.logger.warn(`Rate limiter fails open, Redis unavailable: ${(error as Error).message}`);
    }
  }
}
