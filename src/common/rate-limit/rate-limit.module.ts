import type { ExecutionContext } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { Request } from 'express';
import { AppConfig } from '../../config/app-config';
import { OpsListener } from '../../ops/ops-listener';
import { REDIS_CLIENT } from '../redis/redis.module';
import type { RedisClient } from '../redis/redis.module';
import { AccountLockout } from './account-lockout';
import { AddressLimit } from './address-limit';
import { BlockedClients } from './blocked-clients';
import { clientOf } from './client-address';
import { RateLimitGuard } from './rate-limit.guard';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { RATE_LIMITED_MESSAGE } from './early-refusal';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { HELD_REFUSAL_MS, RefusalPacing } from './refusal-pacing';
import { isStrictRequest, STRICT_RATE_LIMIT } from './strict-rate-limit.decorator';

function isStrict(context: ExecutionContext): boolean {
  const marker: unknown = Reflect.getMetadata(STRICT_RATE_LIMIT, context.getHandler());
  return isStrictRequest(marker, context.switchToHttp().getRequest<Request>());
}

/**
 * Two budgets per client (its address, IPv6 by /64; X-Forwarded-For counts only behind
 * TRUST_PROXY): the default one over every route, and a strict one shared by the routes marked
 * @StrictRateLimit(). Beside them, AccountLockout counts failed password checks per account, and
 * AddressLimit the requests that mail one address.
 * Requests on the internal OPS_PORT listener (scrapes and probes) count against neither. A client
 * refused on the default budget is answered by the early refusal (early-refusal.ts) until its
 * window ends, before routing; one that keeps sending after that has its refusals paced
 * (refusal-pacing.ts).
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, REDIS_CLIENT, OpsListener],
      useFactory: (config: AppConfig, redis: RedisClient | null, ops: OpsListener) => ({
        throttlers: [
          {
            name: 'default',
            ttl: config.rateLimitWindow * 1000,
            limit: config.rateLimitMax,
            skipIf: (context: ExecutionContext) => ops.isOpsRequest(context.switchToHttp().getRequest()),
          },
          {
            name: 'auth',
            ttl: config.rateLimitWindow * 1000,
            limit: config.rateLimitAuthMax,
            skipIf: (context: ExecutionContext) => !isStrict(context),
          },
        ],
        getTracker: (req: Record<string, unknown>) => clientOf(req.ip as string | undefined),
        generateKey: (_context: ExecutionContext, tracker: string, throttlerName: string) =>
          `${throttlerName}:${tracker}`,
        errorMessage: RATE_LIMITED_MESSAGE,
        storage: redis ? new RedisThrottlerStorage(redis, config.redisPrefix) : new MemoryThrottlerStorage(),
      }),
    }),
  ],
  providers: [
    { provide: APP_GUARD, useClass: RateLimitGuard },
    AccountLockout,
    AddressLimit,
    { provide: BlockedClients, useFactory: () => new BlockedClients() },
    {
      provide: RefusalPacing,
      inject: [AppConfig],
      // Held well inside the request timeout, which would otherwise answer a held refusal 503.
      useFactory: (config: AppConfig) =>
        new RefusalPacing({ holdMs: Math.min(HELD_REFUSAL_MS, config.requestTimeout * 500) }),
    },
  ],
  exports: [AccountLockout, AddressLimit, BlockedClients, RefusalPacing],
})
export class RateLimitModule {}
