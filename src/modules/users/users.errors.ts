import { AppError, ValidationFailedError } from '../../common/errors/app-error';

export const UsersErrorCode = {
  EmailTaken: 'EMAIL_TAKEN',
  UsernameTaken: 'USERNAME_TAKEN',
  NotFound: 'NOT_FOUND',
  LastAdmin: 'LAST_ADMIN',
} as const;

export class EmailTakenError extends AppError {
  constructor() {
    super(409, UsersErrorCode.EmailTaken, 'This email is already registered');
  }
}

export class UsernameTakenError extends AppError {
  constructor() {
    super(409, UsersErrorCode.UsernameTaken, 'This username is already taken');
  }
}

export class UserNotFoundError extends AppError {
  constructor() {
    super(404, UsersErrorCode.NotFound, 'User not found');
  }
}

/** The change would leave no active admin: nobody could manage accounts any more. */
export class LastAdminError extends AppError {
  constructor() {
    super(
      409,
      UsersErrorCode.LastAdmin,
      'This is the last active admin: promote another account to admin before demoting or deactivating it',
    );
  }
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
  constructor() {
    super([{ field: 'currentPassword', message: 'currentPassword is incorrect' }]);
  }
}
