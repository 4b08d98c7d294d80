import { isDeepStrictEqual } from 'node:util';
import type {
  MediaTypeObject,
  OpenAPIObject,
  OperationObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import type { EnvelopeExample } from './envelope-schemas';
import { ERROR_EXAMPLES_EXTENSION } from './envelope-schemas';
import { errorExample } from './error-examples';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const JSON_MEDIA_TYPE = 'application/json';

interface InlineEnvelope {
  status: number;
  codes: string[];
  examples: EnvelopeExample[];
  /** The schema without the operation's examples: what the shared component holds. */
  shared: SchemaObject;
}

/**
 * Moves every inline error envelope into `components/schemas` (one per status and set of codes,
 * e.g. `Error404NotFound`, `Error409EmailTakenUsernameTaken`) and puts, on each response's media
 * type, examples of that operation's own answer: its status, code, message and path. Sharing
 * keeps the document and the generated client small; the examples stay per operation because they
 * sit next to the `$ref`, not in the shared schema. Any error response an envelope decorator or
 * pass adds follows without listing it here.
 */
export function shareErrorEnvelopes(document: OpenAPIObject): OpenAPIObject {
  const schemas = ((document.components ??= {}).schemas ??= {});
  for (const [pathTemplate, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        const media = jsonMediaType(response);
        const envelope = media?.schema && readInlineEnvelope(media.schema);
        if (!operation || !media || !envelope || String(envelope.status) !== status) {
          continue;
        }
        media.schema = { $ref: `#/components/schemas/${componentName(schemas, envelope)}` };
        delete media.example;
        // Named examples, at least one per code (Swagger UI offers them in a list). Unlike a
        // single `example`, they stay out of the generated client's doc comments.
        media.examples = Object.fromEntries(
          examplesOf(envelope, (response as ResponseObject).description).map(
            ({ key, summary, code, message }) => [
              key,
              {
                summary,
                value: errorExample({
                  status: envelope.status,
                  code,
                  message,
                  pathTemplate,
                  operation,
                  document,
                }),
              },
            ],
          ),
        );
      }
    }
  }
  return document;
}

function jsonMediaType(response: ResponseObject | ReferenceObject | undefined): MediaTypeObject | undefined {
  return response && !('$ref' in response) ? response.content?.[JSON_MEDIA_TYPE] : undefined;
}

/** An error envelope written out in place (the shape `errorEnvelopeSchema` builds), or undefined. */
function readInlineEnvelope(schema: SchemaObject | ReferenceObject): InlineEnvelope | undefined {
  if ('$ref' in schema) {
    return undefined;
  }
  const properties = schema.properties as Record<string, SchemaObject> | undefined;
  const error = properties?.error?.properties as Record<string, SchemaObject> | undefined;
  const status: unknown = properties?.statusCode?.enum?.[0];
  const codes: unknown = error?.code?.enum;
  if (!isDeepStrictEqual(properties?.success?.enum, [false]) || typeof status !== 'number') {
    return undefined;
  }
  if (!Array.isArray(codes) || !codes.every((code) => typeof code === 'string')) {
    return undefined;
  }
  const shared = structuredClone(schema) as SchemaObject & Record<string, unknown>;
  const examples = (shared[ERROR_EXAMPLES_EXTENSION] as EnvelopeExample[] | undefined) ?? [];
  delete shared[ERROR_EXAMPLES_EXTENSION];
  return { status, codes, examples, shared };
}

/** The envelope's own examples, and for a code none gives, one that says the response's description. */
function examplesOf(envelope: InlineEnvelope, description: string): EnvelopeExample[] {
  const missing = envelope.codes.filter(
    (code) => !envelope.examples.some((example) => example.code === code),
  );
  return [
    ...envelope.examples,
    ...missing.map((code) => ({ key: code, code, summary: code, message: description })),
  ].sort((a, b) => envelope.codes.indexOf(a.code) - envelope.codes.indexOf(b.code));
}

/** `Error404NotFound`; a second, different envelope for the same status and codes gets a suffix. */
function componentName(
  schemas: Record<string, SchemaObject | ReferenceObject>,
  envelope: InlineEnvelope,
): string {
  const base = `Error${envelope.status}${envelope.codes.map(pascalCase).join('')}`;
  for (let index = 1; ; index += 1) {
    const name = index === 1 ? base : `${base}${index}`;
    const existing = schemas[name];
    if (!existing) {
      schemas[name] = envelope.shared;
      return name;
    }
    if (isDeepStrictEqual(existing, envelope.shared)) {
      return name;
    }
  }
}

const pascalCase = (code: string): string =>
  code
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
