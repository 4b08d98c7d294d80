import { Writable } from 'node:stream';
import type { Request, Response } from 'express';
import pino from 'pino';
import { logRequest } from './request-log';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

function exchange(status: number, finished = true) {
  const req = {
    id: 'req-1',
    method: 'GET',
    originalUrl: '/api/v1/posts/abc?token=secret',
    route: { path: '/api/v1/posts/:id' },
    user: { id: 'user-1' },
    headers: { authorization: 'Bearer secret' },
  } as unknown as Request;
  const res = { statusCode: status, headersSent: true, writableFinished: finished } as unknown as Response;
  return { req, res };
}

describe(logRequest.name, () => {
  it('writes the fixed fields of a request, never its headers or query string', async () => {
    const { logger, lines } = capture();
    const { req, res } = exchange(200);
    logRequest(logger, req, res, 1.23456);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'GET 200',
      requestId: 'req-1',
      req: { id: 'req-1', method: 'GET', path: '/api/v1/posts/abc' },
      res: { statusCode: 200 },
      route: '/api/v1/posts/:id',
      userId: 'user-1',
      durationMs: 1.235,
    });
    expect(JSON.stringify(lines[0])).not.toContain('secret');
  });

  it('logs client errors as warnings, server errors and aborted requests as errors', async () => {
    const { logger, lines } = capture();
    logRequest(logger, exchange(404).req, exchange(404).res, 1);
    logRequest(logger, exchange(503).req, exchange(503).res, 1);
    logRequest(logger, exchange(200, false).req, exchange(200, false).res, 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      [40, 'GET 404'],
      [50, 'GET 503'],
      [50, 'GET aborted'],
    ]);
  });

  it('writes nothing below the configured level', async () => {
    const { logger, lines } = capture('warn');
    logRequest(logger, exchange(200).req, exchange(200).res, 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(0);
  });
});
