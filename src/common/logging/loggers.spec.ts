import { Writable } from 'node:stream';
import { pinoHttp } from 'pino-http';
import type { Options } from 'pino-http';
import type { AppConfig } from '../../config/app-config';
import { createLoggers, nestLoggerParams } from './loggers';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { stream, lines };
}

const config = { nodeEnv: 'test', logLevel: 'info' } as AppConfig;

describe(createLoggers.name, () => {
  it('logs an error as its class and message, without its stack', () => {
    const { stream, lines } = capture();
    createLoggers(config, stream).app.error({ err: new Error('boom') }, 'failed');
    expect(JSON.parse(lines[0])).toMatchObject({ err: { type: 'Error', message: 'boom' }, msg: 'failed' });
    expect(lines[0]).not.toContain('stack');
  });

  it('redacts secrets in objects logged whole', () => {
    const { stream, lines } = capture();
    createLoggers(config, stream).app.info({ body: { password: 'hunter2', refreshToken: 'r' } }, 'oops');
    expect(lines[0]).not.toMatch(/hunter2|"r"/);
  });
});

describe(nestLoggerParams.name, () => {
  it("keeps stack traces out of the logger nestjs-pino derives through pino-http (Nest's own logs)", () => {
    const { stream, lines } = capture();
    const params = nestLoggerParams(createLoggers(config, stream));
    const { logger } = pinoHttp(params.pinoHttp as Options);
    logger.error({ err: new Error('from Nest') }, 'Unhandled');
    expect(JSON.parse(lines[0])).toMatchObject({ err: { type: 'Error', message: 'from Nest' } });
    expect(lines[0]).not.toContain('stack');
    expect(params.forRoutes).toEqual([]);
  });
});
