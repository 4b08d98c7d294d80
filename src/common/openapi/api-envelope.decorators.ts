import { applyDecorators } from '@nestjs/common';
import type { Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { DocumentedError } from '../errors/app-error';
import { successEnvelopeSchema } from './envelope-schemas';

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

export const API_ERRORS = 'strata:api-errors';

/**
 * The errors a route throws itself, as their classes: `@ApiErrors(PostNotFoundError, NotPostAuthorError)`.
 * The OpenAPI document lists them (status, code, example message) together with the errors the
 * pipeline implies for the route (see complete-error-responses.ts): the 401 of a route that is
 * not public, the 403 of `@Roles`, 422 where input is validated, 429, 500 and 503 everywhere.
 */
export function ApiErrors(...errors: DocumentedError[]): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    Reflect.defineMetadata(API_ERRORS, [...declaredErrors(handler), ...errors], handler);
    return descriptor;
  };
}

/** The errors a route handler declares with `@ApiErrors`. */
export function declaredErrors(handler: object): DocumentedError[] {
  return (Reflect.getMetadata(API_ERRORS, handler) as DocumentedError[] | undefined) ?? [];
}
