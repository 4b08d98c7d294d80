import type { ErrorStatus } from './error-code';
import { ErrorCode, statusOfCode } from './error-code';

export interface ErrorDetail {
  field: string;
  message: string;
}

/** What the OpenAPI document needs to know of an error before any is thrown. */
export interface DocumentedError {
  readonly code: string;
  readonly status: ErrorStatus;
  /** What it says: the message of its example in the document (an instance may say more). */
  readonly message: string;
  /** When it happens, for the response's description; the status's own description otherwise. */
  readonly description?: string;
  /** Headers its response carries beyond every response's own, by name, with what each says. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A failure the client caused or may see. Each subclass names its stable `code` and its `message`
 * as static fields, so a route can declare it for the document (`@ApiErrors(PostNotFoundError)`);
 * its status comes from the code (see `defineErrorCodes`). The global filter renders it.
 */
export abstract class AppError extends Error {
  declare static readonly code: string;
  declare static readonly message: string;
  declare static readonly description?: string;
  declare static readonly headers?: Readonly<Record<string, string>>;

  static get status(): ErrorStatus {
    return statusOfCode(this.code);
  }

  readonly code: string;
  readonly status: ErrorStatus;

  constructor(
    message?: string,
    readonly details?: ErrorDetail[],
  ) {
    const type = new.target as unknown as DocumentedError;
    super(message ?? type.message);
    this.name = new.target.name;
    this.code = type.code;
    this.status = type.status;
  }
}

export class ValidationFailedError extends AppError {
  static override readonly code = ErrorCode.ValidationFailed;
  static override readonly message = 'Validation failed';

  constructor(details: ErrorDetail[]) {
    super(undefined, details);
  }
}

/** The server is saturated right now: 503 with a `Retry-After` saying when to come back. */
export class ServiceSaturatedError extends AppError {
  static override readonly code = ErrorCode.ServiceUnavailable;
  static override readonly message = 'The server is busy, please retry';
  static override readonly headers = {
    'Retry-After':
      'Seconds to wait before retrying; sent when the server is saturated (too many password hashes waiting)',
  };

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The client went away before its request was served; nobody reads the answer (nginx's 499). */
export class ClientGoneError extends AppError {
  static override readonly code = ErrorCode.ClientClosedRequest;
  static override readonly message = 'The client closed the request';
}
