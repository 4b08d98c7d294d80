import { AppError } from '../../common/errors/app-error';

export const PostsErrorCode = {
  NotFound: 'NOT_FOUND',
  Forbidden: 'FORBIDDEN',
  PreconditionFailed: 'PRECONDITION_FAILED',
} as const;

/** Unknown, deleted, someone else's draft, or by a deactivated author: all look the same. */
export class PostNotFoundError extends AppError {
  constructor() {
    super(404, PostsErrorCode.NotFound, 'Post not found');
  }
}

/** The author of a `/users/{id}/posts` list does not exist or was deactivated. */
export class PostAuthorNotFoundError extends AppError {
  constructor() {
    super(404, PostsErrorCode.NotFound, 'User not found');
  }
}

export class NotPostAuthorError extends AppError {
  constructor() {
    super(403, PostsErrorCode.Forbidden, 'Only the author or an admin may change this post');
  }
}

export class PostVersionMismatchError extends AppError {
  constructor() {
    super(412, PostsErrorCode.PreconditionFailed, 'The post has changed since the given ETag');
  }
}
