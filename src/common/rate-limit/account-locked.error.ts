import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-code';
import type { BudgetState } from './rate-limit-headers';

/**
 * Too many failed password checks for one account within the window: every attempt for it is a
 * 429 until the window ends, whoever makes it. The filter writes the budget's headers (of any
 * budget kept beside the per-client ones: subclasses say what was counted).
 */
export class AccountLockedError extends AppError {
  static override readonly code = ErrorCode.RateLimited;
  static override readonly message: string =
    'Too many failed attempts for this account, retry after the time in the Retry-After header';

  constructor(readonly budget: BudgetState) {
    super();
  }
}
