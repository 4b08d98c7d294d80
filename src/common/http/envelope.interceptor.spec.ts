import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { StreamableFile } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import { EnvelopeInterceptor } from './envelope.interceptor';
import { Page } from './page';

function httpContext(url: string, response: { statusCode: number }): ExecutionContext {
  const args = [{ originalUrl: url, url }, response];
  return {
    getType: () => 'http',
    getArgByIndex: (index: number) => args[index],
    switchToHttp: () => ({ getRequest: () => args[0], getResponse: () => args[1] }),
  } as unknown as ExecutionContext;
}

/** Runs the interceptor around a handler that returns `body` and, as it does, sets the status. */
function intercept(url: string, body: unknown, statusCode = 200): Promise<unknown> {
  const response = { statusCode: 200 };
  const handler: CallHandler = {
    handle: () => {
      response.statusCode = statusCode;
      return of(body);
    },
  };
  return lastValueFrom(new EnvelopeInterceptor().intercept(httpContext(url, response), handler));
}

describe(EnvelopeInterceptor.name, () => {
  it('wraps what an API handler returns in the success envelope', async () => {
    await expect(intercept('/api/v1/things', { id: 'x' }, 201)).resolves.toEqual({
      success: true,
      statusCode: 201,
      message: 'Created',
      data: { id: 'x' },
    });
  });

  it('puts a page in data and its meta beside it', async () => {
    const page = new Page([1], { nextCursor: null, hasMore: false, limit: 20 });
    await expect(intercept('/api/v1/things', page)).resolves.toEqual({
      success: true,
      statusCode: 200,
      message: 'OK',
      data: [1],
      meta: { nextCursor: null, hasMore: false, limit: 20 },
    });
  });

  it('takes the status the handler left, so a 304 it answered has no body', async () => {
    await expect(intercept('/api/v1/things/1', undefined, 304)).resolves.toBeUndefined();
    await expect(intercept('/api/v1/things/1', undefined, 204)).resolves.toBeUndefined();
  });

  it('leaves the bodies of routes outside /api alone', async () => {
    await expect(intercept('/health/live', { status: 'ok' })).resolves.toEqual({ status: 'ok' });
  });

  it('leaves a streamed file to be streamed', async () => {
    const file = new StreamableFile(Buffer.from('x'));
    await expect(intercept('/api/v1/files/1', file)).resolves.toBe(file);
  });

  it('passes other kinds of context through untouched', async () => {
    const context = { getType: () => 'rpc' } as unknown as ExecutionContext;
    const result = new EnvelopeInterceptor().intercept(context, { handle: () => of('raw') });
    await expect(lastValueFrom(result)).resolves.toBe('raw');
  });
});
