import type { DynamicModule, Provider } from '@nestjs/common';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { createLoggers } from './loggers';
import type { Loggers } from './loggers';

export const LOGGERS = Symbol('LOGGERS');

/** The pino loggers of the app (see loggers.ts), for Nest's logger and the request log. */
@Global()
@Module({})
export class LoggingModule {
  /** With `loggers`, the ones the bootstrap logs through already (see createApp); else new ones. */
  static forRoot(loggers?: Loggers): DynamicModule {
    const provider: Provider = loggers
      ? { provide: LOGGERS, useValue: loggers }
      : { provide: LOGGERS, inject: [AppConfig], useFactory: createLoggers };
    return { module: LoggingModule, providers: [provider], exports: [LOGGERS] };
  }
}
