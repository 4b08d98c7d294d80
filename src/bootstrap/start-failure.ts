import { createLoggers } from '../common/logging/loggers';
import type { Loggers } from '../common/logging/loggers';
import type { AppConfigValues } from '../config/app-config';
import { ConfigError } from '../config/load-config';

/** What stopped the start, as the last line(s): one per bad variable, else one, without a stack. */
export async function reportStartFailure(error: unknown, loggers?: Loggers): Promise<void> {
  const out = loggers ?? createLoggers(fallbackLogSettings());
  const log = out.app.child({ context: 'Bootstrap' });
  if (error instanceof ConfigError) {
    error.problems.forEach((problem) => log.fatal(problem));
  } else {
    log.fatal(messageOf(error));
  }
  await out.flush();
}

/** The configuration did not load, so its LOG_LEVEL is unknown: a fatal line always shows. */
function fallbackLogSettings(): Pick<AppConfigValues, 'nodeEnv' | 'logLevel'> {
  return { nodeEnv: process.env.NODE_ENV === 'production' ? 'production' : 'development', logLevel: 'info' };
}

function messageOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    return `Cannot listen on ${process.env.HOST ?? '0.0.0.0'}:${process.env.PORT ?? 3000} (${code}): check PORT and HOST`;
  }
  return error instanceof Error ? error.message : String(error);
}
