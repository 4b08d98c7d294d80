import type { ExecutionContext } from '@nestjs/common';
import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { ThrottlerRequest } from '@nestjs/throttler';
import {
  THROTTLER_BLOCK_DURATION,
  THROTTLER_KEY_GENERATOR,
  THROTTLER_LIMIT,
  THROTTLER_SKIP,
  THROTTLER_TRACKER,
  THROTTLER_TTL,
} from '@nestjs/throttler/dist/throttler.constants';
import { PerRoute } from '../http/per-route';
import type { RouteTargets } from '../http/per-route';
import { BlockedClients } from './blocked-clients';
import type { BudgetState } from './rate-limit-headers';
import { writeRateLimitHeaders, writeRefusalHeaders } from './rate-limit-headers';
import type { RateLimitRecord } from './rate-limit-storage';

/** The budget over every route: a client it refuses would be refused anywhere, so the edge may refuse it early. */
export const DEFAULT_BUDGET = 'default';

/** What a throttler needs of a route, read once from its metadata: all but the request itself. */
type RoutePlan = Omit<ThrottlerRequest, 'context'> & { skipIf?: (context: ExecutionContext) => boolean };

/**
 * The throttler's guard, with the rate-limit headers of the budget that decided (the one that
 * refused, else the one closest to running out; see rate-limit-headers.ts) rather than one set per
 * budget, one plain `Retry-After` whichever budget ran out, and the route's limits read from its
 * metadata once per route instead of six reflector scans per budget on every request. A route
 * whose limits are functions of the request keeps the stock way of reading them.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly plans = new PerRoute((targets) => this.readPlans(targets));
  /** The budgets that have counted each request so far. */
  private readonly counted = new WeakMap<object, BudgetState[]>();
  @Inject(BlockedClients) private readonly blocked!: BlockedClients;

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const plans = this.plans.of(context);
    if (plans === null) {
      await super.canActivate(context);
    } else {
      for (const { skipIf, ...plan } of plans) {
        if (!skipIf?.(context)) {
          await this.handleRequest({ context, ...plan });
        }
      }
    }
    const http = context.switchToHttp();
    writeRateLimitHeaders(http.getResponse<Response>(), this.counted.get(http.getRequest<object>()) ?? []);
    return true;
  }

  /** Counts the request in one budget; refuses it, with that budget's headers, once it is spent. */
  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration, getTracker, generateKey } = request;
    const name = throttler.name ?? DEFAULT_BUDGET;
    const { req } = this.getRequestResponse(context);
    const res = context.switchToHttp().getResponse<Response>();
    const tracker = await getTracker(req, context);
    const key = generateKey(context, tracker, name);
    const record = await this.storageService.increment(key, ttl, limit, blockDuration, name);
    const budget: BudgetState = {
      name,
      limit,
      remaining: Math.max(0, limit - record.totalHits),
      resetSeconds: record.timeToExpire,
      windowSeconds: Math.ceil(ttl / 1000),
    };
    let counted = this.counted.get(req);
    if (counted === undefined) {
      counted = [];
      this.counted.set(req, counted);
    }
    counted.push(budget);
    if (record.isBlocked) {
      if (name === DEFAULT_BUDGET) {
        const exactMs =
          (record as Partial<RateLimitRecord>).timeToExpireMs ?? record.timeToBlockExpire * 1000;
        this.blocked.block(tracker, Date.now() + exactMs);
      }
      writeRefusalHeaders(res, counted, { ...budget, resetSeconds: record.timeToBlockExpire });
      await this.throwThrottlingException(context, { limit, ttl, key, tracker, ...record });
    }
    return true;
  }

  /** null when a limit is computed per request (a function): such a route is not planned. */
  private readPlans(targets: RouteTargets): RoutePlan[] | null {
    const read = <T>(key: string, name: string) =>
      this.reflector.getAllAndOverride<T | undefined>(`${key}${name}`, targets);
    const plans: RoutePlan[] = [];
    for (const throttler of this.throttlers) {
      const name = throttler.name ?? 'default';
      if (read<boolean>(THROTTLER_SKIP, name)) {
        continue;
      }
      const limit = read<unknown>(THROTTLER_LIMIT, name) ?? throttler.limit;
      const ttl = read<unknown>(THROTTLER_TTL, name) ?? throttler.ttl;
      const blockDuration = read<unknown>(THROTTLER_BLOCK_DURATION, name) ?? throttler.blockDuration ?? ttl;
      if (typeof limit !== 'number' || typeof ttl !== 'number' || typeof blockDuration !== 'number') {
        return null;
      }
      plans.push({
        throttler,
        limit,
        ttl,
        blockDuration,
        skipIf: throttler.skipIf ?? this.commonOptions.skipIf,
        getTracker:
          read<RoutePlan['getTracker']>(THROTTLER_TRACKER, name) ??
          throttler.getTracker ??
          (this.commonOptions.getTracker as RoutePlan['getTracker']),
        generateKey:
          read<RoutePlan['generateKey']>(THROTTLER_KEY_GENERATOR, name) ??
          throttler.generateKey ??
          (this.commonOptions.generateKey as RoutePlan['generateKey']),
      });
    }
    return plans;
  }
}
