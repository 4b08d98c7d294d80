import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { ErrorCode, errorCodeForStatus, statusOfCode } from '../src/common/errors/error-code';
import { STATUSES_WITH_DETAILS } from '../src/common/openapi/envelope-schemas';
import type { RouteFacts } from '../src/common/openapi/route-facts';
import { collectRouteFacts } from '../src/common/openapi/route-facts';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** The codes that belong to one status each (a module's own codes, like EMAIL_TAKEN, are not here). */
const GENERIC_CODES: Record<number, string> = Object.fromEntries(
  Object.values(ErrorCode).map((code) => [statusOfCode(code), code]),
);

/**
 * The generic codes the pipeline answers on an operation, written out here rather than taken from
 * the pass that adds them: the limiter, a bug, the database everywhere; the body parser where a
 * body is read; the validation pipe where input is validated; the guard off @Public() and on @Roles().
 */
function pipelineCodes(method: string, operation: OperationObject, facts: RouteFacts): string[] {
  const readsBody = method !== 'get' || operation.requestBody !== undefined;
  return [
    ErrorCode.RateLimited,
    ErrorCode.Internal,
    ErrorCode.ServiceUnavailable,
    ...(readsBody ? [ErrorCode.BadRequest, ErrorCode.PayloadTooLarge, ErrorCode.UnsupportedMediaType] : []),
    ...(operation.requestBody || (operation.parameters?.length ?? 0) > 0 ? [ErrorCode.ValidationFailed] : []),
    ...(facts.isPublic ? [] : [ErrorCode.Unauthenticated]),
    ...(facts.hasRoles ? [ErrorCode.Forbidden] : []),
  ];
}

/** Each API operation, with the facts of its route. */
function apiOperations(document: OpenAPIObject, routes: Map<string, RouteFacts>) {
  return Object.entries(document.paths)
    .filter(([path]) => path.startsWith('/api/'))
    .flatMap(([path, item]) =>
      METHODS.flatMap((method) => {
        const operation: OperationObject | undefined = item[method];
        const facts = operation?.operationId ? routes.get(operation.operationId) : undefined;
        return operation ? [{ where: `${method.toUpperCase()} ${path}`, method, operation, facts }] : [];
      }),
    );
}

/** The codes an operation documents, by status, read through the shared envelopes. */
function documentedCodes(document: OpenAPIObject, operation: OperationObject): Map<number, string[]> {
  const schemas = document.components?.schemas ?? {};
  const byStatus = new Map<number, string[]>();
  for (const [status, response] of Object.entries(operation.responses)) {
    const ref = ((response as ResponseObject).content?.['application/json']?.schema as { $ref?: string })
      ?.$ref;
    const schema = ref && (schemas[ref.split('/').at(-1) ?? ''] as ErrorEnvelopeSchema | undefined);
    if (Number(status) >= 400 && schema) {
      byStatus.set(Number(status), schema.properties.error.properties.code.enum);
    }
  }
  return byStatus;
}

interface ErrorEnvelopeSchema {
  properties: { error: { properties: { code: { enum: string[] } } } };
}

/** Every error response of every API operation, with what its examples say. */
function errorResponses(document: OpenAPIObject) {
  return Object.entries(document.paths)
    .filter(([path]) => path.startsWith('/api/'))
    .flatMap(([path, item]) =>
      METHODS.flatMap((method) => {
        const operation: OperationObject | undefined = item[method];
        return Object.entries(operation?.responses ?? {})
          .filter(([status]) => Number(status) >= 400)
          .map(([status, response]) => ({
            where: `${method.toUpperCase()} ${path} ${status}`,
            path,
            status: Number(status),
            media: (response as ResponseObject).content?.['application/json'],
          }));
      }),
    );
}

/** `/api/v1/posts/{id}` → a pattern a concrete path such as `/api/v1/posts/7d3f…` matches. */
const templatePattern = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/{}]+')}$`);

describe("The OpenAPI document's error responses", () => {
  let t: TestApp;
  let served: OpenAPIObject;

  beforeAll(async () => {
    t = await startTestApp();
    served = (await t.http().get('/docs/json').expect(200)).body as OpenAPIObject;
  });

  afterAll(async () => {
    await t.close();
  });

  describe('derived from the routes', () => {
    let routes: Map<string, RouteFacts>;

    beforeAll(() => {
      routes = collectRouteFacts(t.app);
    });

    it('cover every API operation by its route', () => {
      expect(
        apiOperations(served, routes)
          .filter(({ facts }) => !facts)
          .map(({ where }) => where),
      ).toEqual([]);
    });

    it("list exactly the codes of the route's declared errors and of the pipeline, each at its status", () => {
      const problems = apiOperations(served, routes).flatMap(({ where, method, operation, facts }) => {
        if (!facts) {
          return [];
        }
        const expected = new Map<number, Set<string>>();
        for (const code of [...pipelineCodes(method, operation, facts), ...facts.errors.map((e) => e.code)]) {
          expected.set(statusOfCode(code), (expected.get(statusOfCode(code)) ?? new Set()).add(code));
        }
        const documented = documentedCodes(served, operation);
        const statuses = [...new Set([...expected.keys(), ...documented.keys()])].sort();
        return statuses.flatMap((status) => {
          const want = [...(expected.get(status) ?? [])].sort().join(',');
          const have = [...(documented.get(status) ?? [])].sort().join(',');
          return want === have ? [] : [`${where} ${status}: documents [${have}], throws [${want}]`];
        });
      });
      expect(problems).toEqual([]);
    });

    it("say each declared error's own message in an example of its status", () => {
      const problems = apiOperations(served, routes).flatMap(({ where, operation, facts }) =>
        (facts?.errors ?? []).flatMap((error) => {
          const media = (operation.responses[error.status] as ResponseObject | undefined)?.content?.[
            'application/json'
          ];
          const messages = Object.values(media?.examples ?? {}).map(
            (example) => (example as { value: { message: string; error: { code: string } } }).value,
          );
          return messages.some((value) => value.message === error.message && value.error.code === error.code)
            ? []
            : [`${where} ${error.status}: no example says "${error.message}"`];
        }),
      );
      expect(problems).toEqual([]);
    });

    it('never list a 401 on a @Public() route: the guard ignores a bad token there', () => {
      const public401 = apiOperations(served, routes)
        .filter(({ facts, operation }) => facts?.isPublic && operation.responses['401'])
        .filter(({ facts }) => !facts?.errors.some((error) => error.status === 401))
        .map(({ where }) => where);
      expect(public401).toEqual([]);
    });
  });

  describe('as written', () => {
    it('each refer to a shared error envelope, with no envelope written out in place', () => {
      const inline = errorResponses(served)
        .filter(({ media }) => !media?.schema || !('$ref' in media.schema))
        .map(({ where }) => where);
      expect(inline).toEqual([]);
      const pathsText = JSON.stringify(served.paths);
      expect(pathsText).not.toContain('"requestId":{');
      const envelopes = Object.entries(served.components?.schemas ?? {})
        .filter(([name]) => name.startsWith('Error'))
        .map(([, schema]) => JSON.stringify(schema));
      expect(new Set(envelopes).size).toBe(envelopes.length);
    });

    it("each have examples of the operation's own answer: its status, a code of it, its path", () => {
      const schemas = served.components?.schemas ?? {};
      const problems = errorResponses(served).flatMap(({ where, path, status, media }) => {
        const ref = (media?.schema as { $ref?: string } | undefined)?.$ref ?? '';
        const schema = schemas[ref.split('/').at(-1) ?? ''] as {
          properties: { error: { properties: { code: { enum: string[] } } } };
        };
        const codes = schema?.properties.error.properties.code.enum ?? [];
        const examples = Object.values(media?.examples ?? {}).map(
          (example) => (example as { value: Record<string, unknown> }).value,
        );
        if (examples.length === 0 || media?.example !== undefined) {
          return [`${where}: no named examples`];
        }
        return examples.flatMap((example) => {
          const error = example.error as { code: string; details?: unknown[] };
          return [
            example.statusCode === status ? [] : [`${where}: statusCode ${String(example.statusCode)}`],
            codes.includes(error.code) ? [] : [`${where}: code ${error.code} not in ${codes.join(',')}`],
            templatePattern(path).test(String(example.path))
              ? []
              : [`${where}: path ${String(example.path)}`],
            (error.details !== undefined) === STATUSES_WITH_DETAILS.has(status) ? [] : [`${where}: details`],
            typeof example.message === 'string' && example.message !== '' ? [] : [`${where}: message`],
          ].flat();
        });
      });
      expect(problems).toEqual([]);
    });

    it('use codes valid for their status, and allow details only on 422', () => {
      expect([...STATUSES_WITH_DETAILS]).toEqual([422]);
      const schemas = served.components?.schemas ?? {};
      const problems = errorResponses(served).flatMap(({ where, status, media }) => {
        const ref = (media?.schema as { $ref?: string } | undefined)?.$ref;
        const schema = ref ? schemas[ref.split('/').at(-1) ?? ''] : media?.schema;
        const { properties } = schema as {
          properties: {
            statusCode: { enum: number[] };
            error: { properties: Record<string, { enum?: string[] }> };
          };
        };
        const { code, details } = properties.error.properties;
        return [
          (details !== undefined) === STATUSES_WITH_DETAILS.has(status) ? [] : [`${where}: details`],
          properties.statusCode.enum.join() === String(status) ? [] : [`${where}: statusCode`],
          ref === undefined || ref.startsWith(`#/components/schemas/Error${status}`)
            ? []
            : [`${where}: ${ref}`],
          // A module's own codes (EMAIL_TAKEN…) replace the default one; the generic ones never mix up statuses.
          (code.enum ?? []).every(
            (c) => c === errorCodeForStatus(status) || !Object.values(GENERIC_CODES).includes(c),
          )
            ? []
            : [`${where}: codes ${code.enum?.join(',')}`],
        ].flat();
      });
      expect(problems).toEqual([]);
    });

    it('of GET /posts/{id} say what a missing post says', () => {
      const media = (served.paths['/api/v1/posts/{id}'].get?.responses['404'] as ResponseObject).content?.[
        'application/json'
      ];
      expect(media?.examples?.NOT_FOUND).toMatchObject({
        value: {
          statusCode: 404,
          message: 'Post not found',
          error: { code: 'NOT_FOUND' },
          path: expect.stringMatching(/^\/api\/v1\/posts\/[0-9a-f-]{36}$/),
        },
      });
    });
  });
});
