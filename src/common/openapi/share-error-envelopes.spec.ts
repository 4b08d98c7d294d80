import type { MediaTypeObject, OpenAPIObject, ResponseObject } from '@nestjs/swagger';
import { errorEnvelopeSchema } from './envelope-schemas';
import { SAMPLE_ID } from './error-examples';
import { shareErrorEnvelopes } from './share-error-envelopes';

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const example = (code: string, message: string, key = code) => ({ key, code, message, summary: code });

function makeDocument(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 'test', version: '1' },
    paths: {
      '/api/v1/things/{id}': {
        get: {
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': { description: 'ok', ...json({ type: 'object' }) },
            '404': {
              description: 'Not found',
              ...json(errorEnvelopeSchema(404, ['NOT_FOUND'], [example('NOT_FOUND', 'Thing not found')])),
            },
            '422': { description: 'Invalid', ...json(errorEnvelopeSchema(422, ['VALIDATION_FAILED'])) },
            '500': {
              description: 'Boom',
              ...json(errorEnvelopeSchema(500, ['INTERNAL'], [example('INTERNAL', 'Internal server error')])),
            },
          },
        },
      },
      '/api/v1/things': {
        post: {
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateThingDto' } } },
          },
          responses: {
            '409': {
              description: 'Conflict',
              ...json(
                errorEnvelopeSchema(
                  409,
                  ['NAME_TAKEN', 'SLUG_TAKEN'],
                  [
                    example('SLUG_TAKEN', 'This slug is taken'),
                    example('NAME_TAKEN', 'This name is taken'),
                    example('NAME_TAKEN', 'This name was taken a moment ago', 'NameTakenRaceError'),
                  ],
                ),
              ),
            },
            '418': { description: 'A teapot refuses', ...json(errorEnvelopeSchema(418, ['TEAPOT'])) },
            '422': { description: 'Invalid', ...json(errorEnvelopeSchema(422, ['VALIDATION_FAILED'])) },
            '500': { description: 'Boom', ...json(errorEnvelopeSchema(500, ['INTERNAL'])) },
          },
        },
      },
    },
    components: {
      schemas: {
        CreateThingDto: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      },
    },
  };
}

const media = (document: OpenAPIObject, path: string, method: 'get' | 'post', status: string) =>
  (document.paths[path][method]?.responses[status] as ResponseObject).content?.[
    'application/json'
  ] as MediaTypeObject;
const exampleValue = (mediaType: MediaTypeObject, code: string) =>
  (mediaType.examples?.[code] as { value: Record<string, unknown> }).value;

describe(shareErrorEnvelopes.name, () => {
  it('replaces each envelope with a $ref to one component per status and codes', () => {
    const document = shareErrorEnvelopes(makeDocument());
    expect(media(document, '/api/v1/things/{id}', 'get', '404').schema).toEqual({
      $ref: '#/components/schemas/Error404NotFound',
    });
    expect(media(document, '/api/v1/things', 'post', '409').schema).toEqual({
      $ref: '#/components/schemas/Error409NameTakenSlugTaken',
    });
    expect(media(document, '/api/v1/things', 'post', '500').schema).toEqual(
      media(document, '/api/v1/things/{id}', 'get', '500').schema,
    );
    expect(Object.keys(document.components?.schemas ?? {}).sort()).toEqual([
      'CreateThingDto',
      'Error404NotFound',
      'Error409NameTakenSlugTaken',
      'Error418Teapot',
      'Error422ValidationFailed',
      'Error500Internal',
    ]);
    expect(media(document, '/api/v1/things/{id}', 'get', '200').schema).toEqual({ type: 'object' });
  });

  it("keeps the operation's examples out of the shared schema", () => {
    const { components } = shareErrorEnvelopes(makeDocument());
    expect(JSON.stringify(components?.schemas?.Error404NotFound)).not.toContain('Thing not found');
    expect(JSON.stringify(components?.schemas)).not.toContain('x-error-examples');
  });

  it("gives each response an example of that operation's answer", () => {
    const document = shareErrorEnvelopes(makeDocument());
    expect(exampleValue(media(document, '/api/v1/things/{id}', 'get', '404'), 'NOT_FOUND')).toEqual({
      success: false,
      statusCode: 404,
      message: 'Thing not found',
      error: { code: 'NOT_FOUND' },
      path: `/api/v1/things/${SAMPLE_ID}`,
      requestId: expect.any(String),
      timestamp: '2026-01-01T00:00:00.000Z',
    });
    expect(exampleValue(media(document, '/api/v1/things/{id}', 'get', '500'), 'INTERNAL')).toMatchObject({
      statusCode: 500,
      message: 'Internal server error',
      error: { code: 'INTERNAL' },
    });
  });

  it('has details only on 422, naming a field the operation takes', () => {
    const document = shareErrorEnvelopes(makeDocument());
    expect(
      exampleValue(media(document, '/api/v1/things/{id}', 'get', '422'), 'VALIDATION_FAILED'),
    ).toMatchObject({ error: { details: [{ field: 'id', message: 'id must be a UUID' }] } });
    expect(exampleValue(media(document, '/api/v1/things', 'post', '422'), 'VALIDATION_FAILED')).toMatchObject(
      {
        error: { details: [{ field: 'name' }] },
      },
    );
    const schemas = document.components?.schemas ?? {};
    expect(JSON.stringify(schemas.Error422ValidationFailed)).toContain('"details"');
    for (const name of ['Error404NotFound', 'Error500Internal', 'Error418Teapot']) {
      expect(JSON.stringify(schemas[name])).not.toContain('"details"');
    }
  });

  it('gives the examples of each code in the order of the codes, keeping a second one of a code', () => {
    const document = shareErrorEnvelopes(makeDocument());
    const conflict = media(document, '/api/v1/things', 'post', '409');
    expect(Object.keys(conflict.examples ?? {})).toEqual(['NAME_TAKEN', 'NameTakenRaceError', 'SLUG_TAKEN']);
    expect(exampleValue(conflict, 'SLUG_TAKEN')).toMatchObject({
      statusCode: 409,
      message: 'This slug is taken',
      error: { code: 'SLUG_TAKEN' },
    });
    expect(exampleValue(conflict, 'NameTakenRaceError')).toMatchObject({
      message: 'This name was taken a moment ago',
      error: { code: 'NAME_TAKEN' },
    });
  });

  it('falls back to the description for a code no example gives', () => {
    const document = shareErrorEnvelopes(makeDocument());
    expect(exampleValue(media(document, '/api/v1/things', 'post', '418'), 'TEAPOT')).toMatchObject({
      message: 'A teapot refuses',
      path: '/api/v1/things',
    });
  });

  it('names a different envelope for the same status and codes apart', () => {
    const document = makeDocument();
    const custom = errorEnvelopeSchema(500, ['INTERNAL']);
    custom.description = 'another shape';
    (document.paths['/api/v1/things'].post?.responses['500'] as ResponseObject).content = {
      'application/json': { schema: custom },
    };
    const shared = shareErrorEnvelopes(document);
    expect(media(shared, '/api/v1/things', 'post', '500').schema).toEqual({
      $ref: '#/components/schemas/Error500Internal2',
    });
  });
});
