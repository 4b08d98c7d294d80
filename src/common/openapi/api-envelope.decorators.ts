import { applyDecorators } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { defaultCodeFor, errorEnvelopeSchema, successEnvelopeSchema } from './envelope-schemas';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad request',
  401: 'Missing, malformed, expired or revoked token',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  412: 'If-Match does not match the current ETag',
  422: 'Validation failed; error.details names every bad field',
};

/** A success response whose `data` is `model` (an array of it, with `meta`, when paginated). */
export function ApiEnvelope(
  model: Type,
  options: { status?: number; paginated?: boolean; description?: string } = {},
) {
  const status = options.status ?? 200;
  return applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status,
      description: options.description ?? (options.paginated ? 'A page of results' : 'Success'),
      schema: successEnvelopeSchema(status, { $ref: getSchemaPath(model) }, options.paginated),
    }),
  );
}

/** The codes of one error response, and optionally the message its example shows. */
export interface ApiErrorSpec {
  codes?: string[];
  message?: string;
}

/**
 * Error responses an operation can give, each as the error envelope with its codes (the status's
 * default code when none are given) and, for the example, an optional message:
 * `@ApiErrors(401, { 404: { message: 'Post not found' }, 409: ['EMAIL_TAKEN', 'USERNAME_TAKEN'] })`.
 */
export function ApiErrors(...specs: Array<number | Record<number, string[] | ApiErrorSpec>>) {
  const entries = specs.flatMap((spec): Array<[number, ApiErrorSpec]> =>
    typeof spec === 'number'
      ? [[spec, {}]]
      : Object.entries(spec).map(([status, value]): [number, ApiErrorSpec] => [
          Number(status),
          Array.isArray(value) ? { codes: value } : value,
        ]),
  );
  return applyDecorators(
    ...entries.map(([status, { codes = [defaultCodeFor(status)], message }]) =>
      ApiResponse({
        status,
        description: ERROR_DESCRIPTIONS[status] ?? codes.join(', '),
        schema: errorEnvelopeSchema(status, codes, message),
      }),
    ),
  );
}
