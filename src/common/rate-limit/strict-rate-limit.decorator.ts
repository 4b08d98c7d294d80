import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export const STRICT_RATE_LIMIT = 'strata:strict-rate-limit';

/** Whether a request to the route counts against the strict budget (the body is parsed already). */
export type StrictWhen = (req: Request) => boolean;

/**
 * Puts a route under the strict budget (RATE_LIMIT_AUTH_MAX per window) on top of the default one;
 * with `when`, only the requests it selects (e.g. those that carry a password).
 */
export const StrictRateLimit = (when?: StrictWhen) => SetMetadata(STRICT_RATE_LIMIT, when ?? true);

export function isStrictRequest(marker: unknown, req: Request): boolean {
  return marker === true || (typeof marker === 'function' && (marker as StrictWhen)(req));
}
