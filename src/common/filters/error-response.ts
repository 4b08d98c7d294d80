import { HttpException } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import type { ErrorDetail } from '../errors/app-error';
import { ErrorCode, errorCodeForStatus } from '../errors/error-code';
import { isDatabaseUnavailable, isUniqueViolation } from '../errors/database-errors';

/** How many validation details a response lists; the rest are only counted (`error.omittedDetails`). */
export const MAX_ERROR_DETAILS = 20;
/** Bounds of one detail: an unknown field's name is the client's own, of any length. */
export const MAX_DETAIL_FIELD_LENGTH = 100;
export const MAX_DETAIL_MESSAGE_LENGTH = 200;

export interface ErrorEnvelope {
  success: false;
  statusCode: number;
  message: string;
  error: { code: string; details?: ErrorDetail[]; omittedDetails?: number };
  path: string;
  requestId: string;
  timestamp: string;
}

/** What the client may learn about an error; `expected` says whether it is worth an error log. */
export interface ClassifiedError {
  status: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
  expected: boolean;
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') {
    return response;
  }
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') {
    return message;
  }
  return Array.isArray(message) ? message.join('; ') : exception.message;
}

/** Maps anything thrown to a status, a stable code and a message that leaks nothing. */
export function classifyError(exception: unknown): ClassifiedError {
  if (exception instanceof AppError) {
    const { status, code, message, details } = exception;
    return { status, code, message, details, expected: status < 500 || status === 503 };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const message = status >= 500 && status !== 503 ? 'Internal server error' : messageOf(exception);
    return { status, code: errorCodeForStatus(status), message, expected: status < 500 || status === 503 };
  }
  if (isUniqueViolation(exception)) {
    return { status: 409, code: ErrorCode.Conflict, message: 'The resource already exists', expected: true };
  }
  if (isDatabaseUnavailable(exception)) {
    return {
      status: 503,
      code: ErrorCode.ServiceUnavailable,
      message: 'The service is temporarily unavailable, please retry',
      expected: true,
    };
  }
  return { status: 500, code: ErrorCode.Internal, message: 'Internal server error', expected: false };
}

/** At most `max` UTF-16 units, never ending in half of a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  return `${text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

function boundedError(error: ClassifiedError): ErrorEnvelope['error'] {
  if (!error.details) {
    return { code: error.code };
  }
  const details = error.details.slice(0, MAX_ERROR_DETAILS).map(({ field, message }) => ({
    field: truncate(field, MAX_DETAIL_FIELD_LENGTH),
    message: truncate(message, MAX_DETAIL_MESSAGE_LENGTH),
  }));
  const omitted = error.details.length - details.length;
  return omitted > 0 ? { code: error.code, details, omittedDetails: omitted } : { code: error.code, details };
}

export function toErrorEnvelope(error: ClassifiedError, path: string, requestId: string): ErrorEnvelope {
  return {
    success: false,
    statusCode: error.status,
    message: error.message,
    error: boundedError(error),
    path,
    requestId,
    timestamp: new Date().toISOString(),
  };
}
