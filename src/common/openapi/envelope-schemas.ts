import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
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

/** Statuses whose envelope carries `error.details`; every other error has a code and a message only. */
export const STATUSES_WITH_DETAILS: ReadonlySet<number> = new Set([422]);

const errorDetailsSchema: SchemaObject = {
  type: 'array',
  maxItems: MAX_ERROR_DETAILS,
  description: `At most ${MAX_ERROR_DETAILS}; \`omittedDetails\` counts the rest`,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['field', 'message'],
    properties: {
      field: { type: 'string', maxLength: MAX_DETAIL_FIELD_LENGTH },
      message: { type: 'string', maxLength: MAX_DETAIL_MESSAGE_LENGTH },
    },
  },
};

const omittedDetailsSchema: SchemaObject = {
  type: 'integer',
  format: 'int32',
  minimum: 1,
  maximum: 2_147_483_647,
  description: `How many more problems there were than the ${MAX_ERROR_DETAILS} listed in \`details\``,
};

/** Where an inline envelope keeps the examples of its operation until share-error-envelopes.ts moves them. */
export const ERROR_EXAMPLES_EXTENSION = 'x-error-examples';

/** One example of an error response: `key` names it (the code, or the error's name for a second one). */
export interface EnvelopeExample {
  key: string;
  code: string;
  message: string;
  summary: string;
}

/**
 * The error envelope, closed, with the codes this response can carry; `details` only where the
 * status has them. `examples` are what this operation answers: a later pass
 * (share-error-envelopes.ts) moves them next to the response and shares the schema.
 */
export function errorEnvelopeSchema(
  status: number,
  codes: string[],
  examples: EnvelopeExample[] = [],
): SchemaObject {
  const error: SchemaObject = {
    type: 'object',
    additionalProperties: false,
    required: ['code'],
    properties: {
      code: { type: 'string', enum: codes },
      ...(STATUSES_WITH_DETAILS.has(status)
        ? { details: errorDetailsSchema, omittedDetails: omittedDetailsSchema }
        : {}),
    },
  };
  return {
    ...(examples.length > 0 ? { [ERROR_EXAMPLES_EXTENSION]: examples } : {}),
    type: 'object',
    additionalProperties: false,
    required: ['success', 'statusCode', 'message', 'error', 'path', 'requestId', 'timestamp'],
    properties: {
      success: { type: 'boolean', enum: [false] },
      statusCode: statusCodeSchema(status),
      message: { type: 'string', maxLength: MAX_MESSAGE_LENGTH },
      error,
      path: { type: 'string', maxLength: MAX_PATH_LENGTH },
      requestId: {
        type: 'string',
        description: 'Equals the X-Request-Id response header',
        pattern: '^[A-Za-z0-9._-]{1,128}$',
        maxLength: 128,
      },
      timestamp: { type: 'string', format: 'date-time', maxLength: 30 },
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
