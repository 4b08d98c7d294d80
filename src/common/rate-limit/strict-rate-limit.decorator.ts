import { SetMetadata } from '@nestjs/common';

export const STRICT_RATE_LIMIT = 'strata:strict-rate-limit';

/** Puts a route under the strict budget (RATE_LIMIT_AUTH_MAX per window) on top of the default one. */
export const StrictRateLimit = () => SetMetadata(STRICT_RATE_LIMIT, true);
