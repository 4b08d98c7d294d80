import { AppError } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-code';

export const AuthErrorCode = {
  InvalidCredentials: 'INVALID_CREDENTIALS',
  Unauthenticated: ErrorCode.Unauthenticated,
  Forbidden: ErrorCode.Forbidden,
} as const;

/** Wrong password, unknown account or deactivated account: one answer for all, so nothing is enumerable. */
export class InvalidCredentialsError extends AppError {
  constructor() {
    super(401, AuthErrorCode.InvalidCredentials, 'Invalid credentials');
  }
}

/** A missing, malformed, expired, revoked or reused token. */
export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication required') {
    super(401, AuthErrorCode.Unauthenticated, message);
  }
}

export class ForbiddenError extends AppError {
  constructor() {
    super(403, AuthErrorCode.Forbidden, 'You are not allowed to do this');
  }
}
