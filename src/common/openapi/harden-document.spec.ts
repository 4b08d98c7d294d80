import type { OpenAPIObject } from '@nestjs/swagger';
import { TAG_DESCRIPTIONS_EXTENSION } from './api-tag.decorator';
import { hardenDocument } from './harden-document';

function makeDocument(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 'test', version: '1' },
    paths: {
      '/api/v1/things/{id}': {
        get: {
          tags: ['things'],
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': { description: 'ok' },
            '429': { description: 'slow down' },
            '500': { description: 'x' },
          },
        },
      },
      '/health/live': { get: { responses: { '200': { description: 'ok' } } } },
    },
    components: {
      schemas: {
        Thing: { type: 'object', properties: { at: { type: 'string', format: 'date-time' } } },
        Open: { type: 'object', properties: {}, additionalProperties: true },
      },
    },
  };
}

describe(hardenDocument.name, () => {
  it('closes component object schemas that say nothing about extra properties', () => {
    const { components } = hardenDocument(makeDocument());
    expect(components?.schemas?.Thing).toMatchObject({ additionalProperties: false });
    expect(components?.schemas?.Open).toMatchObject({ additionalProperties: true });
  });

  it('bounds uuid and date-time strings by their format', () => {
    const document = hardenDocument(makeDocument());
    expect(document.paths['/api/v1/things/{id}'].get?.parameters?.[0]).toMatchObject({
      schema: { maxLength: 36 },
    });
    expect(document.components?.schemas?.Thing).toMatchObject({ properties: { at: { maxLength: 35 } } });
  });

  it('documents rate-limit headers on 2xx and 4xx, Retry-After on 429, and the request id everywhere', () => {
    const responses = hardenDocument(makeDocument()).paths['/api/v1/things/{id}'].get?.responses ?? {};
    const headerNames = (status: string) => Object.keys((responses[status] as { headers: object }).headers);
    expect(headerNames('200')).toEqual(expect.arrayContaining(['X-Request-Id', 'X-RateLimit-Limit']));
    expect(headerNames('429')).toEqual(expect.arrayContaining(['Retry-After', 'X-RateLimit-Reset']));
    expect(headerNames('500')).toEqual(['X-Request-Id', 'Access-Control-Allow-Origin']);
  });

  it('leaves routes outside /api without API headers', () => {
    const document = hardenDocument(makeDocument());
    expect(document.paths['/health/live'].get?.responses['200']).toEqual({ description: 'ok' });
  });

  it('declares every tag an operation uses', () => {
    expect(hardenDocument(makeDocument()).tags).toEqual([{ name: 'things' }]);
  });

  it('orders tags: the leading ones, the rest alphabetically, the probes last; with their descriptions', () => {
    const document = makeDocument();
    const operation = (tags: string[], descriptions: Record<string, string> = {}) => ({
      tags,
      responses: {},
      [TAG_DESCRIPTIONS_EXTENSION]: descriptions,
    });
    document.paths = {
      '/health/live': { get: operation(['health'], { health: 'Probes' }) },
      '/api/v1/widgets': { get: operation(['widgets'], { widgets: 'Widgets' }) },
      '/api/v1/posts': { get: operation(['posts'], { posts: 'Posts' }) },
      '/api/v1/gadgets': { get: operation(['gadgets']) },
      '/api/v1/users': { get: operation(['users'], { users: 'Users' }) },
      '/api/v1/auth/login': { post: operation(['auth'], { auth: 'Auth' }) },
    };
    const hardened = hardenDocument(document);
    expect(hardened.tags).toEqual([
      { name: 'auth', description: 'Auth' },
      { name: 'users', description: 'Users' },
      { name: 'posts', description: 'Posts' },
      { name: 'gadgets' },
      { name: 'widgets', description: 'Widgets' },
      { name: 'health', description: 'Probes' },
    ]);
    expect(JSON.stringify(hardened.paths)).not.toContain(TAG_DESCRIPTIONS_EXTENSION);
  });

  it('moves the example of an optional query parameter into its description, so nothing is pre-filled', () => {
    const document = makeDocument();
    document.paths['/api/v1/things/{id}'].get?.parameters?.push(
      {
        name: 'tag',
        in: 'query',
        required: false,
        description: 'Only this tag',
        schema: { type: 'string', example: 'postgres' },
      },
      { name: 'q', in: 'query', example: 'keyset', schema: { type: 'string' } },
      { name: 'needed', in: 'query', required: true, schema: { type: 'string', example: 'kept' } },
    );
    const parameters = hardenDocument(document).paths['/api/v1/things/{id}'].get?.parameters ?? [];
    expect(parameters.slice(1)).toEqual([
      {
        name: 'tag',
        in: 'query',
        required: false,
        description: 'Only this tag. For example `postgres`.',
        schema: { type: 'string' },
      },
      { name: 'q', in: 'query', description: 'For example `keyset`.', schema: { type: 'string' } },
      { name: 'needed', in: 'query', required: true, schema: { type: 'string', example: 'kept' } },
    ]);
  });
});
