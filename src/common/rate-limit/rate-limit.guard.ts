import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerException,
  throttlerMessage,
} from '@nestjs/throttler';
import type {
  Resolvable,
  ThrottlerGenerateKeyFunction,
  ThrottlerGetTrackerFunction,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerOptions,
} from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { BlockedClients } from './blocked-clients';
import type { BudgetState } from './rate-limit-headers';
import { writeRateLimitHeaders, writeRefusalHeaders } from './rate-limit-headers';
import type { RateLimitRecord, RateLimitStorage } from './rate-limit-storage';

/** The budget over every route: a client it refuses would be refused anywhere, so the edge may refuse it early. */
export const DEFAULT_BUDGET = 'default';

/** A throttler of the module's options, with the module-wide fallbacks filled in once. */
interface Budget {
  name: string;
  limit: Resolvable<number>;
  ttl: Resolvable<number>;
  blockDuration: Resolvable<number> | undefined;
  skipIf: ((context: ExecutionContext) => boolean) | undefined;
  getTracker: ThrottlerGetTrackerFunction;
  generateKey: ThrottlerGenerateKeyFunction;
}

/** One request counted in one budget. */
interface Hit {
  limit: number;
  ttl: number;
  tracker: string;
  key: string;
  record: RateLimitRecord;
}

/** The module's options in their object form (the array form is only the throttlers). */
type ModuleOptions = Exclude<ThrottlerModuleOptions, unknown[]>;

/**
 * The global rate limiter over the budgets of ThrottlerModule's options (RateLimitModule), in their
 * storage. It writes the headers of the budget that decided (the one that refused, else the one
 * closest to running out; see rate-limit-headers.ts) rather than one set per budget, one plain
 * `Retry-After` whichever budget ran out, and hands a client refused on the default budget to
 * BlockedClients for the early refusal. A budget applies to a route unless its `skipIf` says
 * otherwise (`@StrictRateLimit()` selects the strict one that way): per-route `@Throttle()` and
 * `@SkipThrottle()` metadata is not read, so no reflector scan runs per request (and lint refuses
 * those decorators).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly budgets: Budget[];
  private readonly errorMessage: ModuleOptions['errorMessage'];

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() private readonly storage: RateLimitStorage,
    private readonly blocked: BlockedClients,
  ) {
    const common: ModuleOptions = Array.isArray(options) ? { throttlers: options } : options;
    this.budgets = byWindow(common.throttlers).map((throttler) => budgetOf(throttler, common));
    this.errorMessage = common.errorMessage;
  }

  /**
   * With in-process counters and budgets of plain numbers nothing is awaited, and the answer is a
   * boolean (or a throw), which Nest takes without a turn of the microtask queue. A shared store, or
   * a budget computed per request, is counted asynchronously from the first budget that needs it.
   */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const http = context.switchToHttp();
    return this.countFrom(0, context, http.getRequest<Request>(), http.getResponse<Response>(), []);
  }

  /**
   * Counts the request in the budgets from `from` on, synchronously until one has to be awaited;
   * the budgets after that one are counted once its count arrives.
   */
  private countFrom(
    from: number,
    context: ExecutionContext,
    req: Request,
    res: Response,
    counted: BudgetState[],
  ): boolean | Promise<boolean> {
    for (let index = from; index < this.budgets.length; index += 1) {
      const budget = this.budgets[index];
      if (budget.skipIf?.(context)) {
        continue;
      }
      const hit = this.hit(budget, context, req);
      if (hit instanceof Promise) {
        return hit.then((arrived) => {
          this.settle(budget, arrived, context, res, counted);
          return this.countFrom(index + 1, context, req, res, counted);
        });
      }
      this.settle(budget, hit, context, res, counted);
    }
    writeRateLimitHeaders(res, counted);
    return true;
  }

  /** Counts the request in one budget: at once when nothing has to be awaited. */
  private hit(budget: Budget, context: ExecutionContext, req: Request): Hit | Promise<Hit> {
    const { name, limit, ttl } = budget;
    const tracker = budget.getTracker(req, context);
    if (
      this.storage.incrementNow !== undefined &&
      typeof limit === 'number' &&
      typeof ttl === 'number' &&
      typeof tracker === 'string'
    ) {
      const key = budget.generateKey(context, tracker, name);
      return { limit, ttl, tracker, key, record: this.storage.incrementNow(key, ttl, limit) };
    }
    return this.hitLater(budget, context, tracker);
  }

  private async hitLater(
    budget: Budget,
    context: ExecutionContext,
    pendingTracker: Promise<string> | string,
  ): Promise<Hit> {
    const { name } = budget;
    const limit = typeof budget.limit === 'number' ? budget.limit : await budget.limit(context);
    const ttl = typeof budget.ttl === 'number' ? budget.ttl : await budget.ttl(context);
    const block = budget.blockDuration ?? ttl;
    const blockDuration = typeof block === 'number' ? block : await block(context);
    const tracker = await pendingTracker;
    const key = budget.generateKey(context, tracker, name);
    const record = await this.storage.increment(key, ttl, limit, blockDuration, name);
    return { limit, ttl, tracker, key, record };
  }

  /** Records one budget's count; refuses the request, with that budget's headers, once it is spent. */
  private settle(
    budget: Budget,
    hit: Hit,
    context: ExecutionContext,
    res: Response,
    counted: BudgetState[],
  ): void {
    const { name } = budget;
    const { limit, ttl, tracker, key, record } = hit;
    const state: BudgetState = {
      name,
      limit,
      remaining: Math.max(0, limit - record.totalHits),
      resetSeconds: record.timeToExpire,
      windowSeconds: Math.ceil(ttl / 1000),
    };
    counted.push(state);
    if (!record.isBlocked) {
      return;
    }
    if (name === DEFAULT_BUDGET) {
      this.blocked.block(tracker, Date.now() + record.timeToExpireMs);
    }
    writeRefusalHeaders(res, counted, { ...state, resetSeconds: record.timeToBlockExpire });
    throw new ThrottlerException(this.messageFor(context, { limit, ttl, key, tracker, ...record }));
  }

  private messageFor(context: ExecutionContext, detail: ThrottlerLimitDetail): string {
    const message = this.errorMessage;
    return typeof message === 'function' ? message(context, detail) : (message ?? throttlerMessage);
  }
}

/** Shortest window first, as the throttler orders them (a window computed per request goes last). */
function byWindow(throttlers: ThrottlerOptions[]): ThrottlerOptions[] {
  const windowOf = (throttler: ThrottlerOptions) =>
    typeof throttler.ttl === 'number' ? throttler.ttl : Number.POSITIVE_INFINITY;
  return [...throttlers].sort((first, second) => windowOf(first) - windowOf(second));
}

function budgetOf(throttler: ThrottlerOptions, common: ModuleOptions): Budget {
  const name = throttler.name ?? DEFAULT_BUDGET;
  const getTracker = throttler.getTracker ?? common.getTracker;
  const generateKey = throttler.generateKey ?? common.generateKey;
  if (getTracker === undefined || generateKey === undefined) {
    throw new Error(`The "${name}" rate-limit budget needs a getTracker and a generateKey`);
  }
  return {
    name,
    limit: throttler.limit,
    ttl: throttler.ttl,
    blockDuration: throttler.blockDuration,
    skipIf: throttler.skipIf ?? common.skipIf,
    getTracker,
    generateKey,
  };
}
