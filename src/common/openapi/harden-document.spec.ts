import type { OpenAPIObject } from '@nestjs/swagger';
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
});
