import { ErrorCode } from './error-code';

export interface ErrorDetail {
  field: string;
  message: string;
}

/**
 * A failure the client caused or may see: it carries its HTTP status, a stable code and a safe
 * message. Modules subclass it in their `<domain>.errors.ts`; the global filter renders it.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends AppError {
  constructor(details: ErrorDetail[]) {
    super(422, 'VALIDATION_FAILED', 'Validation failed', details);
  }
}

/** The server is saturated right now: 503 with a `Retry-After` saying when to come back. */
export class ServiceSaturatedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(503, ErrorCode.ServiceUnavailable, message);
  }
}

/** The client went away before its request was served; nobody reads the answer (nginx's 499). */
export class ClientGoneError extends AppError {
  constructor() {
    super(499, 'CLIENT_CLOSED_REQUEST', 'The client closed the request');
  }
}
