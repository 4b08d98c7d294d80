import { ThrottlerException } from '@nestjs/throttler';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { answerWithError } from '../filters/all-exceptions.filter';
import type { BlockedClients } from './blocked-clients';
import { clientOf } from './client-address';
import type { BudgetState } from './rate-limit-headers';
import { writeRefusalHeaders } from './rate-limit-headers';
import type { RefusalPacing } from './refusal-pacing';

export const RATE_LIMITED_MESSAGE = 'Too many requests, retry after the time in the Retry-After header';

export interface EarlyRefusalOptions {
  blocked: BlockedClients;
  /** When each refusal is answered: at once, or held for a client that keeps sending. */
  pacing: RefusalPacing;
  /** The default budget (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW seconds). */
  limit: number;
  windowSeconds: number;
  /** Requests the limiter never counts (the OPS_PORT listener's). */
  isExempt: (req: Request) => boolean;
}

/**
 * Answers a client already refused on the default budget with the same 429 the guard would send
 * (envelope, Retry-After, the default budget's headers), before routing: under a flood from one
 * client, its requests then cost a map look-up instead of the router, guards and filter, and do
 * not queue other clients' requests behind them. It runs after the request edge (request id,
 * security headers, the request log and metrics) and CORS, so the answer carries what every
 * other one does. A client that keeps sending after its refusals has its further ones paced
 * (refusal-pacing.ts). The strict and per-account budgets are left to the guard: they cover some
 * routes only.
 */
export function earlyRefusal(options: EarlyRefusalOptions): RequestHandler {
  const { blocked, pacing, limit, windowSeconds, isExempt } = options;
  return (req: Request, res: Response, next: NextFunction): void => {
    const refusal = isExempt(req) ? undefined : blocked.refuse(clientOf(req.ip));
    if (refusal === undefined) {
      next();
      return;
    }
    const { untilMs, count } = refusal;
    pacing.answer(res, count, untilMs - Date.now(), () => {
      // The time left when the answer leaves, which a held refusal has spent part of.
      const budget: BudgetState = {
        name: 'default',
        limit,
        remaining: 0,
        resetSeconds: Math.max(1, Math.ceil((untilMs - Date.now()) / 1000)),
        windowSeconds,
      };
      writeRefusalHeaders(res, [budget], budget);
      answerWithError(req, res, new ThrottlerException(RATE_LIMITED_MESSAGE));
    });
  };
}
