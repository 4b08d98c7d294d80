import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

/**
 * Nest's bookkeeping at startup (one line per module and per route, some showing a route without
 * its version, such as /api/users for /api/v1/users): kept for `LOG_LEVEL=debug`, not at info.
 * The ExceptionHandler logs a failed bootstrap that the caller of NestFactory.create receives and
 * reports anyway (main.ts, as the one final line), so at info it would be said twice.
 */
const DEBUG_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'ExceptionHandler']);

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's LoggerService on the app's pino logger, from the first line of bootstrap on (so a failing
 * start logs as it goes, as JSON). Nest passes `(message, stack?, context?)`: the context becomes a
 * field, a stack trace is dropped (the logger's error serializer keeps only class and message).
 */
export class NestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const context = contextOf(params);
    const effective = context !== undefined && DEBUG_CONTEXTS.has(context) ? 'debug' : level;
    if (!this.logger.isLevelEnabled(effective)) {
      return;
    }
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    if (message instanceof Error) {
      this.logger[effective]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[effective]({ ...fields, ...message });
    } else {
      this.logger[effective](fields, String(message));
    }
  }
}

/** Nest puts the context last; a lone stack trace (it has line breaks) is not one. */
function contextOf(params: unknown[]): string | undefined {
  const last = params.at(-1);
  return typeof last === 'string' && !last.includes('\n') ? last : undefined;
}
