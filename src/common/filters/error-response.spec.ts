import { BadRequestException, ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { QueryFailedError } from 'typeorm';
import { ValidationFailedError } from '../errors/app-error';
import { classifyError, MAX_ERROR_DETAILS, toErrorEnvelope } from './error-response';

function queryFailed(driverError: object): QueryFailedError {
  return new QueryFailedError(
    'SELECT secret FROM t WHERE x = $1',
    ['p@ss'],
    Object.assign(new Error('db'), driverError),
  );
}

describe(classifyError.name, () => {
  it('keeps an AppError as thrown', () => {
    const error = new ValidationFailedError([{ field: 'email', message: 'taken' }]);
    expect(classifyError(error)).toEqual({
      status: 422,
      code: 'VALIDATION_FAILED',
      message: 'Validation failed',
      details: [{ field: 'email', message: 'taken' }],
      expected: true,
    });
  });

  it.each([
    [new BadRequestException('bad'), 400, 'BAD_REQUEST'],
    [new NotFoundException(), 404, 'NOT_FOUND'],
    [new ForbiddenException(), 403, 'FORBIDDEN'],
    [new ThrottlerException(), 429, 'RATE_LIMITED'],
    [new HttpException('x', 401), 401, 'UNAUTHENTICATED'],
    [new HttpException('x', 413), 413, 'PAYLOAD_TOO_LARGE'],
  ])('maps %p to %d %s', (error, status, code) => {
    expect(classifyError(error)).toMatchObject({ status, code });
  });

  it('maps an unhandled unique violation to 409 CONFLICT without the query', () => {
    const result = classifyError(queryFailed({ code: '23505', constraint: 'UQ_x' }));
    expect(result).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(result.message).not.toContain('SELECT');
  });

  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['an admin shutdown', queryFailed({ code: '57P01' })],
    ['a statement timeout', queryFailed({ code: '57014' })],
  ])('maps %s to 503 SERVICE_UNAVAILABLE', (_name, error) => {
    expect(classifyError(error)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
  });

  it('hides anything else behind a 500 INTERNAL with a fixed message', () => {
    expect(classifyError(new TypeError('cannot read secret of undefined'))).toEqual({
      status: 500,
      code: 'INTERNAL',
      message: 'Internal server error',
      expected: false,
    });
  });

  it('never repeats the message of a 5xx HttpException other than 503', () => {
    expect(classifyError(new HttpException('pool exhausted at db01', 502)).message).toBe(
      'Internal server error',
    );
  });
});

describe(toErrorEnvelope.name, () => {
  it('builds the error envelope and omits empty details', () => {
    const envelope = toErrorEnvelope(
      { status: 404, code: 'NOT_FOUND', message: 'Not here', expected: true },
      '/api/v1/x',
      'req-1',
    );
    expect(envelope).toEqual({
      success: false,
      statusCode: 404,
      message: 'Not here',
      error: { code: 'NOT_FOUND' },
      path: '/api/v1/x',
      requestId: 'req-1',
      timestamp: expect.any(String),
    });
  });

  const validationFailed = (details: Array<{ field: string; message: string }>) =>
    toErrorEnvelope(
      { status: 422, code: 'VALIDATION_FAILED', message: 'Validation failed', details, expected: true },
      '/api/v1/x',
      'req-1',
    ).error;

  it(`lists at most ${MAX_ERROR_DETAILS} details and counts the rest`, () => {
    const details = Array.from({ length: 45_000 }, (_, i) => ({ field: `tags.${i}`, message: 'bad' }));
    const error = validationFailed(details);
    expect(error.details).toHaveLength(MAX_ERROR_DETAILS);
    expect(error.details?.[0]).toEqual({ field: 'tags.0', message: 'bad' });
    expect(error.omittedDetails).toBe(45_000 - MAX_ERROR_DETAILS);
  });

  it('leaves omittedDetails out when every detail is listed', () => {
    expect(validationFailed([{ field: 'email', message: 'email must be an email' }])).toEqual({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'email', message: 'email must be an email' }],
    });
  });

  it('shortens a long field name and message without splitting a surrogate pair', () => {
    const [detail] = validationFailed([{ field: '😀'.repeat(1_000), message: 'x'.repeat(10_000) }]).details!;
    expect(detail.field.length).toBeLessThanOrEqual(100);
    expect(detail.field).toMatch(/^(😀)+…$/u);
    expect(detail.message.length).toBeLessThanOrEqual(200);
  });
});
