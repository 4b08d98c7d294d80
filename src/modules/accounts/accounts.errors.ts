import { AppError } from '../../common/errors/app-error';
import { defineErrorCodes } from '../../common/errors/error-code';

/** Stable codes: clients match on them, so they never change once released. */
export const AccountsErrorCode = defineErrorCodes({ InvalidToken: 'INVALID_TOKEN' }, { INVALID_TOKEN: 400 });

/**
 * The token of a mailed link is unknown, used, expired, voided by a newer one or by a password
 * change, or meant for another purpose: one answer for all, so it tells nothing about which.
 */
export class InvalidTokenError extends AppError {
  static override readonly code = AccountsErrorCode.InvalidToken;
  static override readonly message = 'This link is invalid, used or expired: ask for a new one';
  static override readonly description =
    'The token is unknown, used, expired, replaced by a newer one, or for another purpose';
}
