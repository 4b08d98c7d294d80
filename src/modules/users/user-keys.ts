import { isUniqueViolation } from '../../common/errors/database-errors';
import { canonicalId } from '../../common/pipes/canonical-id';
import { USERS_EMAIL_UNIQUE, USERS_USERNAME_UNIQUE } from './user.entity';
import { EmailTakenError, UsernameTakenError } from './users.errors';

/** The cached public profile of a user: every write that changes it invalidates it. */
export function profileCacheKey(id: string): string {
  return `users:${canonicalId(id)}:profile`;
}

/** The cached state the auth guard checks: every write that changes it invalidates it. */
export function authStateCacheKey(id: string): string {
  return `users:${canonicalId(id)}:auth`;
}

/** Maps a unique violation to the conflict the client can act on; anything else goes on up. */
export function toConflict(error: unknown): unknown {
  if (isUniqueViolation(error, USERS_EMAIL_UNIQUE)) {
    return new EmailTakenError();
  }
  if (isUniqueViolation(error, USERS_USERNAME_UNIQUE)) {
    return new UsernameTakenError();
  }
  return error;
}
