import type { ThrottlerStorage } from '@nestjs/throttler';

/** The throttler's storage, plus forgetting a counter (a sign-in that succeeded clears its failures). */
export interface RateLimitStorage extends ThrottlerStorage {
  reset(key: string): Promise<void>;
}
