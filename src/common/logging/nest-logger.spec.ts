import { Writable } from 'node:stream';
import { createLoggers } from './loggers';
import type { AppConfig } from '../../config/app-config';

function nestLoggerWritingTo(logLevel: AppConfig['logLevel']) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const { nest } = createLoggers({ nodeEnv: 'test', logLevel }, stream);
  return { nest, lines };
}

const flushed = () => new Promise((resolve) => setImmediate(resolve));

describe('NestLogger', () => {
  it("writes Nest's context as a field of the line", async () => {
    const { nest, lines } = nestLoggerWritingTo('info');
    nest.log('Nest application successfully started', 'NestApplication');
    await flushed();
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        context: 'NestApplication',
        msg: 'Nest application successfully started',
      }),
    ]);
  });

  it('keeps the module list and the route table out of info, for debug', async () => {
    const { nest, lines } = nestLoggerWritingTo('info');
    nest.log('Mapped {/api/users, POST} (version: 1) route', 'RouterExplorer');
    nest.log('UsersController {/api/users} (version: 1):', 'RoutesResolver');
    nest.log('AppModule dependencies initialized', 'InstanceLoader');
    await flushed();
    expect(lines).toEqual([]);

    const verbose = nestLoggerWritingTo('debug');
    verbose.nest.log('Mapped {/api/users, POST} (version: 1) route', 'RouterExplorer');
    await flushed();
    expect(verbose.lines).toEqual([expect.objectContaining({ level: 20, context: 'RouterExplorer' })]);
  });

  it('drops the stack trace Nest passes beside an error message', async () => {
    const { nest, lines } = nestLoggerWritingTo('info');
    const error = new Error('connect ECONNREFUSED 127.0.0.1:1');
    nest.error('Unable to connect to the database.', error.stack, 'TypeOrmModule');
    nest.error(error, 'Errors');
    await flushed();
    expect(lines).toEqual([
      expect.objectContaining({
        level: 50,
        context: 'TypeOrmModule',
        msg: 'Unable to connect to the database.',
      }),
      expect.objectContaining({
        level: 50,
        context: 'Errors',
        msg: 'connect ECONNREFUSED 127.0.0.1:1',
        err: { type: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:1' },
      }),
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/\s+at /);
  });
});
