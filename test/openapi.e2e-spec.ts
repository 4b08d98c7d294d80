import type { OpenAPIObject, ResponseObject } from '@nestjs/swagger';
import type { Response } from 'supertest';
import { buildOpenApiDocument } from '../src/app.setup';
import { compareTags, LEADING_TAGS, TRAILING_TAGS } from '../src/common/openapi/api-tag.decorator';
import { ContractChecker } from './support/contract';
import { registeredRoutes } from './support/routes';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** A response as supertest gives it, for checking the checker itself. */
function fakeResponse(status: number, body?: unknown): Response {
  return {
    status,
    body,
    text: body === undefined ? '' : JSON.stringify(body),
    headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
  } as unknown as Response;
}

const user = {
  id: '0b9c2d4e-8a1f-4c1e-9a55-3f0d2b7c6e11',
  email: 'ada@example.com',
  username: 'ada',
  role: 'user',
  isActive: true,
  emailVerifiedAt: '2026-01-01T00:00:00.000Z',
  pendingEmail: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const ok = (data: unknown) => ({ success: true, statusCode: 200, message: 'OK', data });

describe('The OpenAPI document', () => {
  let t: TestApp;
  let served: OpenAPIObject;

  beforeAll(async () => {
    t = await startTestApp();
    served = (await t.http().get('/docs/json').expect(200)).body as OpenAPIObject;
  });

  afterAll(async () => {
    await t.close();
  });

  it('exported by `npm run openapi` (no database) equals the one the app serves', async () => {
    const exported = await buildOpenApiDocument(t.config);
    expect(JSON.parse(JSON.stringify(exported))).toEqual(served);
  });

  it('describes the success body of every API operation that has one', () => {
    const undescribed = Object.entries(served.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, item]) =>
        METHODS.flatMap((method) => {
          const operation = item[method];
          const successes = Object.entries(operation?.responses ?? {}).filter(([status]) =>
            status.startsWith('2'),
          );
          return operation &&
            !successes.some(([status, response]) => status === '204' || (response as ResponseObject).content)
            ? [`${method.toUpperCase()} ${path}`]
            : [];
        }),
      );
    expect(undescribed).toEqual([]);
  });

  it('gives every operation a summary and every private one the bearer scheme and a 401', () => {
    for (const [path, item] of Object.entries(served.paths).filter(([p]) => p.startsWith('/api/'))) {
      for (const method of METHODS) {
        const operation = item[method];
        if (!operation) {
          continue;
        }
        expect({ path, method, summary: Boolean(operation.summary) }).toEqual({
          path,
          method,
          summary: true,
        });
        // `{}` among the requirements is an optional token: the route is public.
        const security = operation.security ?? [];
        if (security.length > 0 && !security.some((requirement) => Object.keys(requirement).length === 0)) {
          expect({ path, method, has401: Boolean(operation.responses['401']) }).toEqual({
            path,
            method,
            has401: true,
          });
        }
      }
    }
  });

  it('requires the bearer scheme exactly on the routes that refuse a caller without a token', async () => {
    // The app decides which routes are private (its guard and @Public()); the document must agree.
    const wrong: string[] = [];
    for (const { method, path } of registeredRoutes(t).filter((route) => route.path.startsWith('/api/'))) {
      const url = path.replace(/:\w+/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.http({ contract: false })[method.toLowerCase() as 'get'](url).send({});
      const isPrivate = res.status === 401 && res.body.error?.code === 'UNAUTHENTICATED';
      const operation = served.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase() as 'get'];
      const security = operation?.security ?? [];
      const anonymousAllowed =
        security.length === 0 || security.some((scheme) => Object.keys(scheme).length === 0);
      if (!operation) {
        wrong.push(`${method} ${path}: not in the document`);
      } else if (isPrivate && (anonymousAllowed || !operation.responses['401'])) {
        wrong.push(`${method} ${path}: private, documented as ${JSON.stringify(security)}`);
      } else if (!isPrivate && !anonymousAllowed) {
        wrong.push(`${method} ${path}: public, documented as needing a token`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('offers no pre-filled value for the optional query filters of GET /posts', () => {
    const prefilled = (served.paths['/api/v1/posts'].get?.parameters ?? [])
      .filter((parameter) => 'in' in parameter && parameter.in === 'query')
      .filter((parameter) => {
        const { example, examples, schema } = parameter as {
          example?: unknown;
          examples?: unknown;
          schema?: { example?: unknown };
        };
        return example !== undefined || examples !== undefined || schema?.example !== undefined;
      })
      .map((parameter) => ('name' in parameter ? parameter.name : ''));
    expect(prefilled).toEqual([]);
  });

  it('declares its tags in lower case, described, in the fixed order', () => {
    const tags = served.tags ?? [];
    const used = Object.values(served.paths).flatMap((item) =>
      METHODS.flatMap((method) => item[method]?.tags ?? []),
    );
    // A generated module's tag sits between the leading tags and the probes.
    expect(tags.map((tag) => tag.name)).toEqual([...new Set(used)].sort(compareTags));
    expect(tags.map((tag) => tag.name)).toEqual(expect.arrayContaining([...LEADING_TAGS, ...TRAILING_TAGS]));
    expect(tags.slice(0, LEADING_TAGS.length).map((tag) => tag.name)).toEqual(LEADING_TAGS);
    expect(tags.slice(-TRAILING_TAGS.length).map((tag) => tag.name)).toEqual(TRAILING_TAGS);
    for (const tag of tags) {
      expect(tag).toEqual({
        name: expect.stringMatching(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/),
        description: expect.any(String),
      });
    }
    expect(JSON.stringify(served.paths)).not.toContain('x-tag-descriptions');
  });

  describe('contract checker', () => {
    let checker: ContractChecker;

    beforeAll(() => {
      checker = new ContractChecker(served);
    });

    it('accepts a response that matches its schema', () => {
      expect(() => checker.check('get', '/api/v1/users/me', fakeResponse(200, ok(user)))).not.toThrow();
    });

    it('rejects a field the schema does not list', () => {
      expect(() =>
        checker.check('get', '/api/v1/users/me', fakeResponse(200, ok({ ...user, passwordHash: 'x' }))),
      ).toThrow(/must NOT have additional properties: passwordHash/);
    });

    it('rejects a field of the wrong type or a missing one', () => {
      const withoutEmail: Partial<typeof user> = { ...user };
      delete withoutEmail.email;
      expect(() =>
        checker.check('get', '/api/v1/users/me', fakeResponse(200, ok({ ...withoutEmail, isActive: 'yes' }))),
      ).toThrow(/must have required property 'email'[\s\S]*\/data\/isActive must be boolean/);
    });

    it('rejects a status the operation does not list', () => {
      expect(() => checker.check('get', '/api/v1/users/me', fakeResponse(418, { teapot: true }))).toThrow(
        /GET \/api\/v1\/users\/me → 418 is not documented/,
      );
    });

    it('matches path templates, preferring literal segments', () => {
      expect(() =>
        checker.check(
          'get',
          `/api/v1/users/${user.id}?x=1`,
          fakeResponse(200, ok({ id: user.id, username: 'ada', createdAt: user.createdAt })),
        ),
      ).not.toThrow();
      expect(() =>
        checker.check(
          'get',
          '/api/v1/users/me',
          fakeResponse(200, ok({ id: user.id, username: 'ada', createdAt: user.createdAt })),
        ),
      ).toThrow(/must have required property 'email'/);
    });

    it('requires the error envelope from a route the document does not list', () => {
      const envelope = {
        success: false,
        statusCode: 404,
        message: 'Cannot GET /api/v1/nope',
        error: { code: 'NOT_FOUND' },
        path: '/api/v1/nope',
        requestId: 'abc',
        timestamp: '2026-01-01T00:00:00.000Z',
      };
      expect(() => checker.check('get', '/api/v1/nope', fakeResponse(404, envelope))).not.toThrow();
      expect(() => checker.check('get', '/api/v1/nope', fakeResponse(404, { error: 'Not Found' }))).toThrow(
        /does not match/,
      );
      expect(() => checker.check('get', '/api/v1/nope', fakeResponse(200, { ok: true }))).toThrow(
        /does not match/,
      );
    });

    it('checks an error against its shared envelope: details only where the status has them', () => {
      const notFound = {
        success: false,
        statusCode: 404,
        message: 'Post not found',
        error: { code: 'NOT_FOUND' },
        path: `/api/v1/posts/${user.id}`,
        requestId: 'abc',
        timestamp: '2026-01-01T00:00:00.000Z',
      };
      const url = `/api/v1/posts/${user.id}`;
      expect(() => checker.check('get', url, fakeResponse(404, notFound))).not.toThrow();
      expect(() =>
        checker.check(
          'get',
          url,
          fakeResponse(404, { ...notFound, error: { code: 'NOT_FOUND', details: [] } }),
        ),
      ).toThrow(/\/error must NOT have additional properties: details/);
      expect(() =>
        checker.check('get', url, fakeResponse(404, { ...notFound, error: { code: 'FORBIDDEN' } })),
      ).toThrow(/\/error\/code must be equal to one of the allowed values/);
    });

    it('leaves responses outside /api alone', () => {
      expect(() => checker.check('get', '/metrics', fakeResponse(200, 'anything'))).not.toThrow();
    });
  });
});
