import { AppError, ValidationFailedError } from '../../common/errors/app-error';
import { defineErrorCodes, ErrorCode } from '../../common/errors/error-code';

/** Stable codes: clients match on them, so they never change once released. */
export const UsersErrorCode = defineErrorCodes(
  {
    EmailTaken: 'EMAIL_TAKEN',
    UsernameTaken: 'USERNAME_TAKEN',
    LastAdmin: 'LAST_ADMIN',
    NotFound: ErrorCode.NotFound,
  },
  { EMAIL_TAKEN: 409, USERNAME_TAKEN: 409, LAST_ADMIN: 409 },
);

export class EmailTakenError extends AppError {
  static override readonly code = UsersErrorCode.EmailTaken;
  static override readonly message = 'This email is already registered';
}

export class UsernameTakenError extends AppError {
  static override readonly code = UsersErrorCode.UsernameTaken;
  static override readonly message = 'This username is already taken';
}

export class UserNotFoundError extends AppError {
  static override readonly code = UsersErrorCode.NotFound;
  static override readonly message = 'User not found';
}

/** The change would leave no active admin: nobody could manage accounts any more. */
export class LastAdminError extends AppError {
  static override readonly code = UsersErrorCode.LastAdmin;
  static override readonly message =
    'This is the last active admin: promote another account to admin before demoting or deactivating it';
}

/** A password that passed the format rules but is too easy to guess: a 422 on its field. */
export class WeakPasswordError extends ValidationFailedError {
  constructor(field: string, reason: string) {
    super([{ field, message: `${field} ${reason}` }]);
  }
}

/**
 * The current password confirming a sensitive action (password change, account deletion, email
 * change) is wrong. A 422 on the field rather than a
 * 401: the caller's session is fine, and clients treat a 401 as "sign in again".
 */
export class IncorrectCurrentPasswordError extends ValidationFailedError {
  static override readonly description =
    'Validation failed, or `currentPassword` is incorrect (a 422 on that field)';

  constructor() {
    super([{ field: 'currentPassword', message: 'currentPassword is incorrect' }]);
  }
}
