import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ResponsesObject } from '@nestjs/swagger';
import { ErrorCode } from '../errors/error-code';
import { BODY_ERRORS, COMMON_ERRORS, errorEnvelopeSchema } from './envelope-schemas';

/** The methods whose body the server reads (and may refuse) before any route sees the request. */
const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function addIfMissing(
  responses: ResponsesObject,
  status: number,
  description: string,
  codes: string[],
): void {
  if (!responses[status]) {
    responses[status] = {
      description,
      content: { 'application/json': { schema: errorEnvelopeSchema(status, codes) } },
    };
  }
}

/**
 * Lists, on every API operation, the errors the pipeline itself can give (rate limit, 500, 503;
 * 400/413/415 where a body is read; 422 where input is validated; 401 where a token is needed),
 * so the document never hides a status the server can send. A DELETE that takes a body counts as
 * reading one.
 */
export function completeErrorResponses(document: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) {
      continue;
    }
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) {
        continue;
      }
      const responses = operation.responses;
      for (const [status, { description, codes }] of Object.entries(COMMON_ERRORS)) {
        addIfMissing(responses, Number(status), description, codes);
      }
      if (BODY_METHODS.has(method) || operation.requestBody) {
        for (const [status, { description, codes }] of Object.entries(BODY_ERRORS)) {
          addIfMissing(responses, Number(status), description, codes);
        }
      }
      if (operation.requestBody || (operation.parameters?.length ?? 0) > 0) {
        addIfMissing(responses, 422, 'Validation failed; error.details names every bad field', [
          ErrorCode.ValidationFailed,
        ]);
      }
      if ((operation.security?.length ?? 0) > 0) {
        addIfMissing(responses, 401, 'Missing, malformed, expired or revoked token', [
          ErrorCode.Unauthenticated,
        ]);
      }
    }
  }
  return document;
}
