import type {
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  SchemaObject,
} from '@nestjs/swagger';
import { compareTags, TAG_DESCRIPTIONS_EXTENSION } from './api-tag.decorator';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** A uuid is 36 characters; an RFC 3339 date-time with milliseconds and an offset fits in 35. */
const LENGTH_OF_FORMAT: Record<string, number> = { uuid: 36, 'date-time': 35 };

/** Headers on every answer under /api: the request id, and CORS for allowed origins. */
const COMMON_HEADERS: Record<string, HeaderObject> = {
  'X-Request-Id': {
    description: "The caller's X-Request-Id when it is 1–128 of `A-Z a-z 0-9 . _ -`, a new UUID otherwise",
    required: true,
    schema: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,128}$', maxLength: 128 },
  },
  'Access-Control-Allow-Origin': {
    description: 'The Origin of the request, when it is one of CORS_ORIGINS (none by default)',
    schema: { type: 'string', format: 'uri', maxLength: 2_048 },
  },
};
/**
 * On answers that passed the rate limiter: everything but errors raised before it (400, 404, 413,
 * 415). They describe the budget that decided: on a 429 the one that refused, otherwise the one
 * closest to running out (`default`, `auth` for the strict one, `account` for failures per account).
 */
const RATE_LIMIT_HEADERS: Record<string, HeaderObject> = {
  'X-RateLimit-Limit': {
    description: 'Requests allowed per window by the deciding budget (named in `X-RateLimit-Resource`)',
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 1_000_000 },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the current window of the deciding budget',
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 1_000_000 },
  },
  'X-RateLimit-Reset': {
    description: "Seconds until the deciding budget's window resets",
    schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 31_536_000 },
  },
  'X-RateLimit-Resource': {
    description:
      'The deciding budget: on a 429 the one that refused, otherwise the one closest to running out (`default`; `auth`, the strict one; `account`, failures per account)',
    schema: { type: 'string', enum: ['default', 'auth', 'account'] },
  },
  'RateLimit-Policy': {
    description:
      'Every budget that counted the request, IETF draft style: `"default";q=300;w=60, "auth";q=10;w=60` (name, quota, window in seconds)',
    schema: { type: 'string', maxLength: 500, example: '"default";q=300;w=60, "auth";q=10;w=60' },
  },
};
const RETRY_AFTER: HeaderObject = {
  description: 'Seconds to wait before retrying',
  required: true,
  schema: { type: 'integer', format: 'int32', minimum: 0, maximum: 31_536_000 },
};

const headerRef = (name: string): ReferenceObject => ({ $ref: `#/components/headers/${name}` });

/**
 * Facts about the whole API that Nest's explorer cannot infer from one route, applied after it
 * builds the document (the decorators still describe each operation):
 * - component object schemas are closed (`additionalProperties: false`): the validation pipe
 *   rejects unknown request fields, and responses are built by mappers that name every field;
 * - a uuid or date-time string is as long as its format allows;
 * - every answer under /api carries X-Request-Id (and CORS headers for allowed origins); those
 *   that passed the rate limiter carry X-RateLimit-*, and a 429 carries Retry-After;
 * - every tag an operation uses is declared, with the description its controller's @ApiTag gives,
 *   in a fixed order (see compareTags), so Swagger UI groups and orders them the same way every time;
 * - optional query parameters carry no example: Swagger UI would pre-fill it, and "Try it out"
 *   would send a filter nobody chose (the example moves into the description).
 */
export function hardenDocument(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  for (const schema of Object.values(components.schemas ?? {})) {
    closeObjectSchema(schema);
  }
  walkSchemas(document, boundFormattedString);

  components.headers = {
    ...components.headers,
    ...COMMON_HEADERS,
    ...RATE_LIMIT_HEADERS,
    'Retry-After': RETRY_AFTER,
  };
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/api/')) {
      continue;
    }
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        if (!response || '$ref' in response) {
          continue;
        }
        const names = [
          ...Object.keys(COMMON_HEADERS),
          ...(/^[24]/.test(status) ? Object.keys(RATE_LIMIT_HEADERS) : []),
          ...(status === '429' ? ['Retry-After'] : []),
        ];
        response.headers = {
          ...Object.fromEntries(names.map((name) => [name, headerRef(name)])),
          ...response.headers,
        };
      }
    }
  }
  for (const item of Object.values(document.paths)) {
    METHODS.forEach((method) => item[method]?.parameters?.forEach(withoutPrefilledExample));
  }
  declareTags(document);
  return document;
}

/** An optional query parameter's example goes into its description, where Swagger UI cannot pre-fill it. */
function withoutPrefilledExample(parameter: ParameterObject | ReferenceObject): void {
  if ('$ref' in parameter || parameter.in !== 'query' || parameter.required) {
    return;
  }
  const schema = parameter.schema && !('$ref' in parameter.schema) ? parameter.schema : undefined;
  const example: unknown = parameter.example ?? schema?.example;
  delete parameter.example;
  delete parameter.examples;
  delete schema?.example;
  delete schema?.examples;
  if (example !== undefined) {
    const sentence = `For example \`${typeof example === 'string' ? example : JSON.stringify(example)}\`.`;
    parameter.description = parameter.description
      ? `${parameter.description.replace(/\.$/, '')}. ${sentence}`
      : sentence;
  }
}

function declareTags(document: OpenAPIObject): void {
  const descriptions = new Map<string, string | undefined>(
    (document.tags ?? []).map((tag) => [tag.name, tag.description]),
  );
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as (OperationObject & Record<string, unknown>) | undefined;
      if (!operation) {
        continue;
      }
      const described = (operation[TAG_DESCRIPTIONS_EXTENSION] ?? {}) as Record<string, string>;
      delete operation[TAG_DESCRIPTIONS_EXTENSION];
      for (const name of operation.tags ?? []) {
        descriptions.set(name, descriptions.get(name) ?? described[name]);
      }
    }
  }
  document.tags = [...descriptions.keys()].sort(compareTags).map((name) => {
    const description = descriptions.get(name);
    return description === undefined ? { name } : { name, description };
  });
}

function closeObjectSchema(schema: SchemaObject | ReferenceObject): void {
  if ('$ref' in schema) {
    return;
  }
  if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined) {
    schema.additionalProperties = false;
  }
}

function boundFormattedString(schema: SchemaObject): void {
  const length = schema.format ? LENGTH_OF_FORMAT[schema.format] : undefined;
  if (schema.type === 'string' && length !== undefined && schema.maxLength === undefined) {
    schema.maxLength = length;
  }
}

/** Calls `visit` on every object in the document that has a `type`, i.e. every inline schema. */
function walkSchemas(node: unknown, visit: (schema: SchemaObject) => void): void {
  if (Array.isArray(node)) {
    node.forEach((child) => walkSchemas(child, visit));
    return;
  }
  if (node === null || typeof node !== 'object') {
    return;
  }
  if (typeof (node as SchemaObject).type === 'string') {
    visit(node);
  }
  Object.values(node).forEach((child) => walkSchemas(child, visit));
}
