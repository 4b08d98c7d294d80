import { AppError } from '../../common/errors/app-error';
import { defineErrorCodes, ErrorCode } from '../../common/errors/error-code';

/** Stable codes: clients match on them, so they never change once released. */
export const AuthErrorCode = defineErrorCodes(
  {
    InvalidCredentials: 'INVALID_CREDENTIALS',
    Unauthenticated: ErrorCode.Unauthenticated,
    Forbidden: ErrorCode.Forbidden,
  },
  { INVALID_CREDENTIALS: 401 },
);

/** Wrong password, unknown account or deactivated account: one answer for all, so nothing is enumerable. */
export class InvalidCredentialsError extends AppError {
  static override readonly code = AuthErrorCode.InvalidCredentials;
  static override readonly message = 'Invalid credentials';
  static override readonly description = 'Wrong password, or an unknown or deactivated account';
}

/** A missing, malformed, expired, revoked or reused token. */
export class UnauthenticatedError extends AppError {
  static override readonly code = AuthErrorCode.Unauthenticated;
  static override readonly message = 'Authentication required';
  static override readonly description = 'Missing, malformed, expired or revoked token';

  constructor(message?: string) {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  static override readonly code = AuthErrorCode.Forbidden;
  static override readonly message = 'You are not allowed to do this';

  constructor() {
    super();
  }
}
