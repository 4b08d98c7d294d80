import type { DocumentedError } from './app-error';
import type { ErrorCode } from './error-code';
import { statusOfCode } from './error-code';

/**
 * What each generic error says and when it happens, for the errors the pipeline raises itself
 * (the body parser, the validation pipe, the guard, the rate limiter, the filter) rather than an
 * error class: the OpenAPI document's examples and response descriptions. Exhaustive by code.
 */
const GENERIC_ERRORS: { readonly [C in ErrorCode]: { message: string; description: string } } = {
  BAD_REQUEST: { message: 'Malformed JSON in request body', description: 'Malformed JSON' },
  UNAUTHENTICATED: {
    message: 'Authentication required',
    description: 'Missing, malformed, expired or revoked token',
  },
  FORBIDDEN: { message: 'You are not allowed to do this', description: 'Not allowed' },
  NOT_FOUND: { message: 'Not found', description: 'Not found' },
  METHOD_NOT_ALLOWED: {
    message: 'This method is not allowed here',
    description: 'A known path with a method it does not take; the Allow header lists those it does',
  },
  CONFLICT: { message: 'The resource already exists', description: 'Conflict' },
  PRECONDITION_FAILED: {
    message: 'The resource has changed since the given ETag',
    description: 'If-Match does not match the current ETag',
  },
  PAYLOAD_TOO_LARGE: {
    message: 'Request body is over the size limit',
    description: 'Body over the size limit',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    message: 'Request body must be application/json',
    description: 'Body is not application/json',
  },
  VALIDATION_FAILED: {
    message: 'Validation failed',
    description: 'Validation failed; error.details names every bad field',
  },
  RATE_LIMITED: {
    message: 'Too many requests, retry after the Retry-After header',
    description: 'Too many requests; retry after the Retry-After header',
  },
  CLIENT_CLOSED_REQUEST: {
    message: 'The client closed the request',
    description: 'The client went away before the answer (nobody reads it)',
  },
  INTERNAL: { message: 'Internal server error', description: 'Unexpected error (no detail is revealed)' },
  SERVICE_UNAVAILABLE: {
    message: 'The service is temporarily unavailable, please retry',
    description: 'Database unavailable or request timed out',
  },
};

export function genericError(code: ErrorCode): DocumentedError {
  return { code, status: statusOfCode(code), ...GENERIC_ERRORS[code] };
}
