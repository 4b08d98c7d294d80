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
