import { AppError } from '../../common/errors/app-error';
import { defineErrorCodes, ErrorCode } from '../../common/errors/error-code';

/** Stable codes: clients match on them, so they never change once released. */
export const PostsErrorCode = defineErrorCodes(
  {
    NotFound: ErrorCode.NotFound,
    Forbidden: ErrorCode.Forbidden,
    PreconditionFailed: ErrorCode.PreconditionFailed,
  },
  {},
);

/** Unknown, deleted, someone else's draft, or by a deactivated author: all look the same. */
export class PostNotFoundError extends AppError {
  static override readonly code = PostsErrorCode.NotFound;
  static override readonly message = 'Post not found';
}

/** The author of a `/users/{id}/posts` list does not exist or was deactivated. */
export class PostAuthorNotFoundError extends AppError {
  static override readonly code = PostsErrorCode.NotFound;
  static override readonly message = 'User not found';
}

export class NotPostAuthorError extends AppError {
  static override readonly code = PostsErrorCode.Forbidden;
  static override readonly message = 'Only the author or an admin may change this post';
}

export class PostVersionMismatchError extends AppError {
  static override readonly code = PostsErrorCode.PreconditionFailed;
  static override readonly message = 'The post has changed since the given ETag';
  static override readonly description = 'If-Match does not match the current ETag';
}
