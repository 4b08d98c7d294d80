import type { OpenAPIObject, OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { AppError } from '../errors/app-error';
import { defineErrorCodes, ErrorCode } from '../errors/error-code';
import { addErrorResponses, completeErrorResponses, impliedErrors } from './complete-error-responses';
import { ERROR_EXAMPLES_EXTENSION, errorEnvelopeSchema } from './envelope-schemas';
import type { RouteFacts } from './route-facts';

const SpecErrorCode = defineErrorCodes(
  { Teapot: 'SPEC_TEAPOT', Kettle: 'SPEC_KETTLE', NotFound: ErrorCode.NotFound },
  { SPEC_TEAPOT: 409, SPEC_KETTLE: 409 },
);

class TeapotError extends AppError {
  static override readonly code = SpecErrorCode.Teapot;
  static override readonly message = 'I am a teapot';
  static override readonly description = 'The pot is a teapot';
}
class KettleError extends AppError {
  static override readonly code = SpecErrorCode.Kettle;
  static override readonly message = 'I am a kettle';
}
class PotNotFoundError extends AppError {
  static override readonly code = SpecErrorCode.NotFound;
  static override readonly message = 'Pot not found';
}

const facts = (overrides: Partial<RouteFacts> = {}): RouteFacts => ({
  isPublic: false,
  hasRoles: false,
  errors: [],
  ...overrides,
});
const codesOf = (operation: OperationObject, facts?: RouteFacts) =>
  impliedErrors('get', operation, facts).map((error) => error.code);
const withId: OperationObject = { responses: {}, parameters: [{ name: 'id', in: 'path', required: true }] };

describe(impliedErrors.name, () => {
  it('gives a private route 401, and every route 429, 500 and 503', () => {
    expect(codesOf({ responses: {} }, facts())).toEqual([
      ErrorCode.Unauthenticated,
      ErrorCode.RateLimited,
      ErrorCode.Internal,
      ErrorCode.ServiceUnavailable,
    ]);
  });

  it('gives a @Public() route no 401, even when it documents an optional token', () => {
    expect(
      codesOf({ responses: {}, security: [{ bearer: [] }, {}] }, facts({ isPublic: true })),
    ).not.toContain(ErrorCode.Unauthenticated);
  });

  it('gives a @Roles() route 403', () => {
    expect(codesOf({ responses: {} }, facts({ hasRoles: true }))).toContain(ErrorCode.Forbidden);
  });

  it('gives 422 where a parameter or a body is validated', () => {
    expect(codesOf(withId, facts())).toContain(ErrorCode.ValidationFailed);
    expect(codesOf({ responses: {} }, facts())).not.toContain(ErrorCode.ValidationFailed);
  });

  it('gives 400, 413 and 415 where a body is read', () => {
    const codes = impliedErrors('delete', { responses: {} }, facts()).map((error) => error.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        ErrorCode.BadRequest,
        ErrorCode.PayloadTooLarge,
        ErrorCode.UnsupportedMediaType,
      ]),
    );
    expect(codesOf({ responses: {} }, facts())).not.toContain(ErrorCode.BadRequest);
  });

  it("falls back to the document's security for a route it knows no facts of", () => {
    expect(codesOf({ responses: {}, security: [{ bearer: [] }] })).toContain(ErrorCode.Unauthenticated);
    expect(codesOf({ responses: {} })).not.toContain(ErrorCode.Unauthenticated);
  });
});

const envelope = (responses: OperationObject['responses'], status: number) =>
  (responses[status] as ResponseObject).content?.['application/json']?.schema as SchemaObject &
    Record<string, unknown>;
const enumOf = (schema: SchemaObject) =>
  ((schema.properties?.error as SchemaObject).properties?.code as SchemaObject).enum;

describe(addErrorResponses.name, () => {
  it('gives each status of the errors one response with their codes and messages', () => {
    const responses = {};
    addErrorResponses(responses, [TeapotError, KettleError, PotNotFoundError]);
    expect(Object.keys(responses)).toEqual(['404', '409']);
    expect(enumOf(envelope(responses, 409))).toEqual(['SPEC_TEAPOT', 'SPEC_KETTLE']);
    expect(envelope(responses, 409)[ERROR_EXAMPLES_EXTENSION]).toEqual([
      { key: 'SPEC_TEAPOT', code: 'SPEC_TEAPOT', message: 'I am a teapot', summary: 'SPEC_TEAPOT' },
      { key: 'SPEC_KETTLE', code: 'SPEC_KETTLE', message: 'I am a kettle', summary: 'SPEC_KETTLE' },
    ]);
  });

  it("describes a response by its route's own error, else by the status", () => {
    const responses: OperationObject['responses'] = {};
    addErrorResponses(responses, [TeapotError, PotNotFoundError]);
    expect((responses[409] as ResponseObject).description).toBe('The pot is a teapot');
    expect((responses[404] as ResponseObject).description).toBe('Not found');
  });

  it('names a second example of one code after its error', () => {
    const responses = {};
    const [generic] = impliedErrors('get', withId, facts()).filter(
      (e) => e.code === ErrorCode.ValidationFailed,
    );
    class SpecWrongPasswordError extends AppError {
      static override readonly code = ErrorCode.ValidationFailed;
      static override readonly message = 'The password is wrong';
    }
    addErrorResponses(responses, [generic, SpecWrongPasswordError]);
    expect(envelope(responses, 422)[ERROR_EXAMPLES_EXTENSION]).toMatchObject([
      { key: 'VALIDATION_FAILED', message: 'Validation failed' },
      { key: 'SpecWrongPasswordError', code: 'VALIDATION_FAILED', message: 'The password is wrong' },
    ]);
  });

  it('documents the headers an error declares, required only when every error of its status sends them', () => {
    class SpecBusyError extends AppError {
      static override readonly code = ErrorCode.ServiceUnavailable;
      static override readonly message = 'Busy';
      static override readonly headers = { 'Retry-After': 'Seconds to wait' };
    }
    const [unavailable] = impliedErrors('get', withId, facts()).filter(
      (e) => e.code === ErrorCode.ServiceUnavailable,
    );
    const alone: OperationObject['responses'] = {};
    addErrorResponses(alone, [SpecBusyError]);
    expect((alone[503] as ResponseObject).headers).toEqual({
      'Retry-After': {
        description: 'Seconds to wait',
        required: true,
        schema: expect.objectContaining({ type: 'integer' }),
      },
    });
    const beside: OperationObject['responses'] = {};
    addErrorResponses(beside, [unavailable, SpecBusyError]);
    expect((beside[503] as ResponseObject).headers?.['Retry-After']).toMatchObject({ required: false });
    const without: OperationObject['responses'] = {};
    addErrorResponses(without, [unavailable]);
    expect((without[503] as ResponseObject).headers).toBeUndefined();
  });

  it('joins an error response a decorator wrote, keeping its description and codes', () => {
    const responses: OperationObject['responses'] = {
      409: {
        description: 'Said by hand',
        content: { 'application/json': { schema: errorEnvelopeSchema(409, ['SPEC_KETTLE']) } },
      },
    };
    addErrorResponses(responses, [TeapotError]);
    expect((responses[409] as ResponseObject).description).toBe('Said by hand');
    expect(enumOf(envelope(responses, 409))).toEqual(['SPEC_KETTLE', 'SPEC_TEAPOT']);
  });
});

describe(completeErrorResponses.name, () => {
  it("lists on each API operation its route's errors and the implied ones, by operation id", () => {
    const document: OpenAPIObject = {
      openapi: '3.0.0',
      info: { title: 'test', version: '1' },
      paths: {
        '/api/v1/pots/{id}': { get: { ...withId, operationId: 'Pots_findOne', responses: {} } },
        '/health/live': { get: { operationId: 'Health_live', responses: {} } },
      },
    };
    const routes = new Map([['Pots_findOne', facts({ isPublic: true, errors: [PotNotFoundError] })]]);
    const { paths } = completeErrorResponses(document, routes);
    expect(Object.keys(paths['/api/v1/pots/{id}'].get?.responses ?? {})).toEqual([
      '404',
      '422',
      '429',
      '500',
      '503',
    ]);
    expect(paths['/health/live'].get?.responses).toEqual({});
  });
});
