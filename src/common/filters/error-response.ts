import { HttpException } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import type { ErrorDetail } from '../errors/app-error';
import { ErrorCode, errorCodeForStatus } from '../errors/error-code';
import { isDatabaseUnavailable, isUniqueViolation } from '../errors/database-errors';

export interface ErrorEnvelope {
  success: false;
  statusCode: number;
  message: string;
  error: { code: string; details?: ErrorDetail[] };
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

export function toErrorEnvelope(error: ClassifiedError, path: string, requestId: string): ErrorEnvelope {
  return {
    success: false,
    statusCode: error.status,
    message: error.message,
    error: error.details ? { code: error.code, details: error.details } : { code: error.code },
    path,
    requestId,
    timestamp: new Date().toISOString(),
  };
}
