import type { LoggerService } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import pino from 'pino';
import type { DestinationStream, Logger } from 'pino';
import type { AppConfig } from '../../config/app-config';
import { NestLogger } from './nest-logger';

/** Application logs never carry a secret, even when someone logs a whole object. */
const REDACTED_PATHS = [
  '*.headers',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.refreshToken',
  '*.accessToken',
  '*.authorization',
];

/** An error's class and message: never its stack (nor, being an allow-list, any property it carries). */
export function serializeError(error: { name?: string; message: string }): {
  type?: string;
  message: string;
} {
  return { type: error.name, message: error.message };
}

export interface Loggers {
  /** Nest's and the application's own logs (through nestjs-pino's `Logger`). */
  app: Logger;
  /** The app logger as Nest's LoggerService, given to NestFactory so bootstrap logs through it. */
  nest: LoggerService;
  /** One line per request, of fixed fields only (see request-log.ts): no redaction needed. */
  requests: Logger;
  /** Writes out what is still buffered; called before the process exits. */
  flush(): Promise<void>;
}

/**
 * Both loggers write to one destination: in development on a terminal, pino-pretty in a worker
 * thread; otherwise JSON lines to stdout, written asynchronously so that logging never blocks the
 * event loop (the buffer is flushed on shutdown).
 */
export function createLoggers(
  config: Pick<AppConfig, 'nodeEnv' | 'logLevel'>,
  output?: DestinationStream,
): Loggers {
  const pretty = config.nodeEnv === 'development' && process.stdout.isTTY;
  const destination: DestinationStream =
    output ??
    (pretty
      ? pino.transport({ target: 'pino-pretty', options: { singleLine: true } })
      : pino.destination({ dest: 1, sync: false }));
  const app = pino(
    {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    destination,
  );
  const requests = pino({ level: config.logLevel }, destination);
  return {
    app,
    nest: new NestLogger(app),
    requests,
    flush: () => new Promise<void>((resolve) => app.flush(() => resolve())),
  };
}

/**
 * nestjs-pino as Nest's logger only, on the app logger: no routes, so no per-request middleware nor
 * AsyncLocalStorage (the request log is the request edge's). nestjs-pino derives its logger through
 * pino-http, which would put back pino's standard error serializer, stack traces included.
 */
export function nestLoggerParams(loggers: Loggers): Params {
  return {
    pinoHttp: { logger: loggers.app, serializers: { err: serializeError }, wrapSerializers: false },
    forRoutes: [],
  };
}
