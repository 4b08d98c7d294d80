import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { ErrorCode, errorCodeForStatus } from '../errors/error-code';
import {
  MAX_DETAIL_FIELD_LENGTH,
  MAX_DETAIL_MESSAGE_LENGTH,
  MAX_ERROR_DETAILS,
} from '../filters/error-response';
import { MAX_CURSOR_LENGTH, MAX_PAGE_LIMIT } from '../pagination/pagination-query.dto';

/**
 * Bounds of the envelope's fields, so clients (and the OWASP lint) know every size. Node refuses a
 * request whose line and headers pass 16 KiB, which bounds the echoed path and Nest's
 * "Cannot GET <path>" message; the rest are the server's own strings.
 */
const MAX_PATH_LENGTH = 16_384;
const MAX_MESSAGE_LENGTH = MAX_PATH_LENGTH + 64;

const statusCodeSchema = (status: number): SchemaObject => ({
  type: 'integer',
  format: 'int32',
  minimum: status,
  maximum: status,
  enum: [status],
});

/** The error envelope of SPEC §4, closed, with the codes this response can carry. */
export function errorEnvelopeSchema(status: number, codes: string[]): SchemaObject {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['success', 'statusCode', 'message', 'error', 'path', 'requestId', 'timestamp'],
    properties: {
      success: { type: 'boolean', enum: [false] },
      statusCode: statusCodeSchema(status),
      message: { type: 'string', maxLength: MAX_MESSAGE_LENGTH, example: 'Validation failed' },
      error: {
        type: 'object',
        additionalProperties: false,
        required: ['code'],
        properties: {
          code: { type: 'string', enum: codes },
          details: {
            type: 'array',
            maxItems: MAX_ERROR_DETAILS,
            description: `At most ${MAX_ERROR_DETAILS}; \`omittedDetails\` counts the rest`,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['field', 'message'],
              properties: {
                field: { type: 'string', maxLength: MAX_DETAIL_FIELD_LENGTH, example: 'email' },
                message: {
                  type: 'string',
                  maxLength: MAX_DETAIL_MESSAGE_LENGTH,
                  example: 'email must be an email',
                },
              },
            },
          },
          omittedDetails: {
            type: 'integer',
            format: 'int32',
            minimum: 1,
            maximum: 2_147_483_647,
            description: `How many more problems there were than the ${MAX_ERROR_DETAILS} listed in \`details\``,
            example: 3,
          },
        },
      },
      path: { type: 'string', maxLength: MAX_PATH_LENGTH, example: '/api/v1/users' },
      requestId: {
        type: 'string',
        description: 'Equals the X-Request-Id response header',
        pattern: '^[A-Za-z0-9._-]{1,128}$',
        maxLength: 128,
        example: '0b9c2d4e-8a1f-4c1e-9a55-3f0d2b7c6e11',
      },
      timestamp: { type: 'string', format: 'date-time', maxLength: 30, example: '2026-01-01T00:00:00.000Z' },
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
    statusCode: statusCodeSchema(status),
    message: { type: 'string', maxLength: 64, example: status === 201 ? 'Created' : 'OK' },
    data: paginated ? { type: 'array', maxItems: MAX_PAGE_LIMIT, items: data } : data,
  };
  if (paginated) {
    properties.meta = {
      type: 'object',
      additionalProperties: false,
      required: ['nextCursor', 'hasMore', 'limit'],
      properties: {
        nextCursor: {
          type: 'string',
          nullable: true,
          maxLength: MAX_CURSOR_LENGTH,
          description: 'Opaque; pass it as `cursor` for the next page. `null` on the last page',
          example: 'WyJwb3N0cyIsIjIwMjYtMDEt…',
        },
        hasMore: { type: 'boolean' },
        limit: { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE_LIMIT, example: 20 },
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
