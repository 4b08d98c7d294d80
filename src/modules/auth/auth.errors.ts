import { AppError } from '../../common/errors/app-error';
import { defineErrorCodes, ErrorCode } from '../../common/errors/error-code';

/** Stable codes: clients match on them, so they never change once released. */
export const AuthErrorCode = defineErrorCodes(
  {
    InvalidCredentials: 'INVALID_CREDENTIALS',
    EmailNotVerified: 'EMAIL_NOT_VERIFIED',
    Unauthenticated: ErrorCode.Unauthenticated,
    Forbidden: ErrorCode.Forbidden,
  },
  { INVALID_CREDENTIALS: 401, EMAIL_NOT_VERIFIED: 403 },
);

/** Wrong password, unknown account or deactivated account: one answer for all, so nothing is enumerable. */
export class InvalidCredentialsError extends AppError {
  static override readonly code = AuthErrorCode.InvalidCredentials;
  static override readonly message = 'Invalid credentials';
  static override readonly description = 'Wrong password, or an unknown or deactivated account';
}

/**
 * The right password for an account whose address is not verified yet, while
 * AUTH_REQUIRE_VERIFIED_EMAIL is on. Only ever after the password check: it tells nothing to
 * someone who does not know the password.
 */
export class EmailNotVerifiedError extends AppError {
  static override readonly code = AuthErrorCode.EmailNotVerified;
  static override readonly message =
    'Verify your email address first: follow the link in the mail we sent, or ask for a new one';
  static override readonly description =
    'The right password, but the address is not verified yet (`POST /api/v1/auth/email/verify/resend` sends a new link)';
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
