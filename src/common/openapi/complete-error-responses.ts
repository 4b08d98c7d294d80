import type {
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ResponseObject,
  ResponsesObject,
  SchemaObject,
} from '@nestjs/swagger';
import type { DocumentedError } from '../errors/app-error';
import type { ErrorCode } from '../errors/error-code';
import { ErrorCode as Code, errorCodeForStatus } from '../errors/error-code';
import { genericError } from '../errors/generic-errors';
import type { EnvelopeExample } from './envelope-schemas';
import { errorEnvelopeSchema } from './envelope-schemas';
import type { RouteFacts } from './route-facts';

/** The methods whose body the server reads (and may refuse) before any route sees the request. */
const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Errors any API operation can answer: the rate limiter, a bug, the database or the timeout. */
const ANY_OPERATION: readonly ErrorCode[] = [Code.RateLimited, Code.Internal, Code.ServiceUnavailable];
/** Errors of reading a body: malformed JSON, too large, not JSON. */
const READING_A_BODY: readonly ErrorCode[] = [
  Code.BadRequest,
  Code.PayloadTooLarge,
  Code.UnsupportedMediaType,
];

/**
 * The errors the pipeline implies for an operation: 429, 500 and 503 everywhere; 400, 413 and 415
 * where a body is read (a DELETE that takes one counts); 422 where a body, a query or a path
 * parameter is validated; 401 where the guard needs a token; 403 where `@Roles` narrows it.
 */
export function impliedErrors(method: string, operation: OperationObject, facts: RouteFacts | undefined) {
  const codes: ErrorCode[] = [];
  const readsBody = BODY_METHODS.has(method) || operation.requestBody !== undefined;
  if (readsBody) {
    codes.push(...READING_A_BODY);
  }
  // Without facts (a route no controller declares), the document's own security says it.
  const needsToken = facts ? !facts.isPublic : (operation.security?.length ?? 0) > 0;
  if (needsToken) {
    codes.push(Code.Unauthenticated);
  }
  if (facts?.hasRoles) {
    codes.push(Code.Forbidden);
  }
  if (operation.requestBody !== undefined || (operation.parameters?.length ?? 0) > 0) {
    codes.push(Code.ValidationFailed);
  }
  codes.push(...ANY_OPERATION);
  return codes.map(genericError);
}

/**
 * One error response per status of `errors`, in the error envelope: its codes, a named example
 * per code (and per other message of a code), and a description: the last of `errors` that has
 * one, else the status's generic one. An existing error response of that status (e.g. `@ApiRateLimited`'s)
 * keeps its description and codes; the errors join it.
 */
export function addErrorResponses(responses: ResponsesObject, errors: DocumentedError[]): void {
  const byStatus = new Map<number, DocumentedError[]>();
  for (const error of errors) {
    byStatus.set(error.status, [...(byStatus.get(error.status) ?? []), error]);
  }
  for (const [status, ofStatus] of [...byStatus].sort(([a], [b]) => a - b)) {
    const existing = responses[status] as ResponseObject | undefined;
    const existingCodes = existing ? envelopeCodes(existing) : [];
    if (existing && existingCodes === undefined) {
      continue;
    }
    const codes = [...new Set([...(existingCodes ?? []), ...ofStatus.map((error) => error.code)])];
    // The route's own errors come after the implied ones, so the last description is the most precise.
    const description =
      existing?.description ??
      ofStatus.findLast((error) => error.description !== undefined)?.description ??
      genericError(errorCodeForStatus(status)).description ??
      codes.join(', ');
    const headers = headersOf(ofStatus);
    responses[status] = {
      ...existing,
      description,
      ...(headers ? { headers: { ...existing?.headers, ...headers } } : {}),
      content: { 'application/json': { schema: errorEnvelopeSchema(status, codes, examplesOf(ofStatus)) } },
    };
  }
}

/** Retry-After in seconds, up to a year, as the rate limiter's 429 documents it. */
const RETRY_AFTER_SECONDS: SchemaObject = {
  type: 'integer',
  format: 'int32',
  minimum: 0,
  maximum: 31_536_000,
};

/**
 * The headers the errors of one status declare (e.g. a saturated server's Retry-After), required
 * only when every error of that status sends it.
 */
function headersOf(errors: DocumentedError[]): Record<string, HeaderObject> | undefined {
  const headers: Record<string, HeaderObject> = {};
  for (const error of errors) {
    for (const [name, description] of Object.entries(error.headers ?? {})) {
      headers[name] = {
        description,
        required: errors.every((other) => other.headers?.[name] !== undefined),
        schema: name === 'Retry-After' ? RETRY_AFTER_SECONDS : { type: 'string', maxLength: 256 },
      };
    }
  }
  return Object.keys(headers).length > 0 ? headers : undefined;
}

/** Lists, on every API operation, the errors its route declares and those the pipeline implies. */
export function completeErrorResponses(
  document: OpenAPIObject,
  facts: ReadonlyMap<string, RouteFacts>,
): OpenAPIObject {
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) {
      continue;
    }
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) {
        continue;
      }
      const routeFacts = operation.operationId ? facts.get(operation.operationId) : undefined;
      const implied = impliedErrors(method, operation, routeFacts);
      // Generic ones first: their example is the common case; a route's own error of the same code adds its own.
      addErrorResponses(operation.responses, [...implied, ...(routeFacts?.errors ?? [])]);
    }
  }
  return document;
}

/** The codes of an error envelope written out in place, or undefined for any other response. */
function envelopeCodes(response: ResponseObject): string[] | undefined {
  const schema = response.content?.['application/json']?.schema as SchemaObject | undefined;
  const error = schema?.properties?.error as SchemaObject | undefined;
  const codes = (error?.properties?.code as SchemaObject | undefined)?.enum;
  return Array.isArray(codes) ? codes.map(String) : undefined;
}

/** An example per code and message: the first of a code is named by it, a later one by its error. */
function examplesOf(errors: DocumentedError[]): EnvelopeExample[] {
  const examples: EnvelopeExample[] = [];
  for (const error of errors) {
    const sameCode = examples.filter((example) => example.code === error.code);
    if (sameCode.some((example) => example.message === error.message)) {
      continue;
    }
    const name = (error as { name?: string }).name;
    examples.push({
      key: sameCode.length === 0 ? error.code : (name ?? `${error.code}_${sameCode.length + 1}`),
      code: error.code,
      message: error.message,
      summary: sameCode.length === 0 ? error.code : (error.description ?? error.message),
    });
  }
  return examples;
}
