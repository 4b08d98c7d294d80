import type { ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
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

/** What a throttler needs of a route, read once from its metadata: all but the request itself. */
type RoutePlan = Omit<ThrottlerRequest, 'context'> & { skipIf?: (context: ExecutionContext) => boolean };

/**
 * The throttler's guard, with one plain `Retry-After` header whichever budget ran out, and the
 * route's limits read from its metadata once per route instead of six reflector scans per budget
 * on every request. A route whose limits are functions of the request keeps the stock behaviour.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly plans = new PerRoute((targets) => this.readPlans(targets));

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const plans = this.plans.of(context);
    if (plans === null) {
      return super.canActivate(context);
    }
    for (const { skipIf, ...plan } of plans) {
      if (!skipIf?.(context)) {
        await this.handleRequest({ context, ...plan });
      }
    }
    return true;
  }

  protected override setResponseHeader(
    res: Record<string, unknown>,
    name: string,
    value: string | number,
  ): void {
    super.setResponseHeader(res, name.startsWith('Retry-After') ? 'Retry-After' : name, value);
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
