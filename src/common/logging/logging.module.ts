import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { createLoggers } from './loggers';

export const LOGGERS = Symbol('LOGGERS');

/** The pino loggers of the app (see loggers.ts), for nestjs-pino and the request log. */
@Global()
@Module({
  providers: [{ provide: LOGGERS, inject: [AppConfig], useFactory: createLoggers }],
  exports: [LOGGERS],
})
export class LoggingModule {}
