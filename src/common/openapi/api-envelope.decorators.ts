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

/**
 * Error responses an operation can give, each as the error envelope with its codes:
 * `@ApiErrors(401, 404, { 409: ['EMAIL_TAKEN', 'USERNAME_TAKEN'] })`.
 */
export function ApiErrors(...specs: Array<number | Record<number, string[]>>) {
  const entries: Array<[number, string[]]> = specs.flatMap((spec): Array<[number, string[]]> =>
    typeof spec === 'number'
      ? [[spec, [defaultCodeFor(spec)]]]
      : Object.entries(spec).map(([status, codes]): [number, string[]] => [Number(status), codes]),
  );
  return applyDecorators(
    ...entries.map(([status, codes]) =>
      ApiResponse({
        status,
        description: ERROR_DESCRIPTIONS[status] ?? codes.join(', '),
        schema: errorEnvelopeSchema(status, codes),
      }),
    ),
  );
}
