import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { ErrorCode, errorCodeForStatus } from '../errors/error-code';

/** The error envelope of SPEC §4, closed, with the codes this response can carry. */
export function errorEnvelopeSchema(status: number, codes: string[]): SchemaObject {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['success', 'statusCode', 'message', 'error', 'path', 'requestId', 'timestamp'],
    properties: {
      success: { type: 'boolean', enum: [false] },
      statusCode: { type: 'integer', enum: [status] },
      message: { type: 'string', example: 'Validation failed' },
      error: {
        type: 'object',
        additionalProperties: false,
        required: ['code'],
        properties: {
          code: { type: 'string', enum: codes },
          details: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['field', 'message'],
              properties: {
                field: { type: 'string', example: 'email' },
                message: { type: 'string', example: 'email must be an email' },
              },
            },
          },
        },
      },
      path: { type: 'string', example: '/api/v1/users' },
      requestId: { type: 'string', example: '0b9c2d4e-8a1f-4c1e-9a55-3f0d2b7c6e11' },
      timestamp: { type: 'string', format: 'date-time' },
    },
  };
}

/** The success envelope around `data`; `meta` only on lists. */
export function successEnvelopeSchema(
  status: number,
  data: SchemaObject | ReferenceObject,
  paginated = false,
): SchemaObject {
  const properties: Record<string, SchemaObject | ReferenceObject> = {
    success: { type: 'boolean', enum: [true] },
    statusCode: { type: 'integer', enum: [status] },
    message: { type: 'string', example: status === 201 ? 'Created' : 'OK' },
    data: paginated ? { type: 'array', items: data } : data,
  };
  if (paginated) {
    properties.meta = {
      type: 'object',
      additionalProperties: false,
      required: ['nextCursor', 'hasMore', 'limit'],
      properties: {
        nextCursor: { type: 'string', nullable: true, example: 'WyJwb3N0cyIsIjIwMjYtMDEt…' },
        hasMore: { type: 'boolean' },
        limit: { type: 'integer', minimum: 1, maximum: 100, example: 20 },
      },
    };
  }
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
  };
}

/** Errors any API operation can answer, whatever its own decorators say. */
export const COMMON_ERRORS: Record<number, { description: string; codes: string[] }> = {
  429: {
    description: 'Too many requests; retry after the Retry-After header',
    codes: [ErrorCode.RateLimited],
  },
  500: { description: 'Unexpected error (no detail is revealed)', codes: [ErrorCode.Internal] },
  503: { description: 'Database unavailable or request timed out', codes: [ErrorCode.ServiceUnavailable] },
};

export const BODY_ERRORS: Record<number, { description: string; codes: string[] }> = {
  400: { description: 'Malformed JSON', codes: [ErrorCode.BadRequest] },
  413: { description: 'Body over the size limit', codes: [ErrorCode.PayloadTooLarge] },
  415: { description: 'Body is not application/json', codes: [ErrorCode.UnsupportedMediaType] },
};

export function defaultCodeFor(status: number): string {
  return errorCodeForStatus(status);
}
