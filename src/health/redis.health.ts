import { once } from 'node:events';
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { REDIS_CLIENT } from '../common/redis/redis.module';
import type { RedisClient } from '../common/redis/redis.module';

/** Readiness of the shared Redis: a PING, answered within the timeout. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CLIENT) private readonly client: RedisClient | null,
  ) {}

  /** False without REDIS_URL: the cache and limiter are in-process and there is nothing to check. */
  get isConfigured(): boolean {
    return this.client !== null;
  }

  pingCheck(key: string, timeoutMs: number): PromiseLike<HealthIndicatorResult> {
    return this.indicators
      .check(key)
      .attempt(async ({ signal }) => {
        const client = this.client;
        if (!client) {
          return;
        }
        if (!client.isReady) {
          // Just started or reconnecting: wait for the connection (or its error) rather than fail
          // at once, since the client refuses commands while disconnected (no offline queue).
          await once(client, 'ready', { signal });
        }
        await client.ping();
      })
      .withTimeout(timeoutMs);
  }
}
