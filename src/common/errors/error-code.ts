/** Stable codes for the generic errors; each module declares its own with `defineErrorCodes`. */
export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  Conflict: 'CONFLICT',
  PreconditionFailed: 'PRECONDITION_FAILED',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  ValidationFailed: 'VALIDATION_FAILED',
  RateLimited: 'RATE_LIMITED',
  ClientClosedRequest: 'CLIENT_CLOSED_REQUEST',
  Internal: 'INTERNAL',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The statuses an error can answer with (499: the client went away, nobody reads it). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 429 | 499 | 500 | 503;

/** A status for each of `Code`: a code left out, or one that is not in `Code`, does not compile. */
export type ErrorStatusMap<Code extends string> = { readonly [C in Code]: ErrorStatus };

/** The codes of an enum-like object such as `UsersErrorCode`. */
export type CodeOf<Codes extends Readonly<Record<string, string>>> = Codes[keyof Codes];

const GENERIC_STATUSES: ErrorStatusMap<ErrorCode> = {
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.MethodNotAllowed]: 405,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PreconditionFailed]: 412,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.ValidationFailed]: 422,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.ClientClosedRequest]: 499,
  [ErrorCode.Internal]: 500,
  [ErrorCode.ServiceUnavailable]: 503,
};

/**
 * The one code → status map of the API: the generic codes, then each module's own as its
 * `*.errors.ts` declares them. A code has exactly one status wherever it is thrown.
 */
const STATUS_OF_CODE = new Map<string, ErrorStatus>(Object.entries(GENERIC_STATUSES));
const CODE_OF_STATUS = new Map<number, ErrorCode>(
  Object.entries(GENERIC_STATUSES).map(([code, status]) => [status, code as ErrorCode]),
);

/**
 * Declares a module's codes: `codes` is its enum-like object, its own codes and the generic ones it
 * reuses (`NotFound: ErrorCode.NotFound`, never the string again); `statuses` gives each own code
 * its status. A reused generic code keeps the generic status, so it cannot be given another.
 */
export function defineErrorCodes<const Codes extends Readonly<Record<string, string>>>(
  codes: Codes,
  statuses: ErrorStatusMap<Exclude<CodeOf<Codes>, ErrorCode>>,
): Codes {
  for (const [code, status] of Object.entries<ErrorStatus>(statuses)) {
    const known = STATUS_OF_CODE.get(code);
    if (known !== undefined && known !== status) {
      throw new Error(`Error code ${code} already answers ${known}, not ${status}`);
    }
    STATUS_OF_CODE.set(code, status);
  }
  for (const code of Object.values(codes)) {
    if (!STATUS_OF_CODE.has(code)) {
      throw new Error(`Error code ${code} has no status`);
    }
  }
  return codes;
}

export function statusOfCode(code: string): ErrorStatus {
  const status = STATUS_OF_CODE.get(code);
  if (status === undefined) {
    throw new Error(`Error code ${code} was never declared`);
  }
  return status;
}

/** The generic code of a status, for errors that carry a status only (Nest's HttpExceptions). */
export function errorCodeForStatus(status: number): ErrorCode {
  return CODE_OF_STATUS.get(status) ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest);
}
