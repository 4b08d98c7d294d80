import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { HelmetOptions } from 'helmet';

export type HeaderList = ReadonlyArray<readonly [string, string]>;

/**
 * The headers Helmet would set on every response. They depend on its options only, so they are
 * computed once, by running Helmet against a recording response, instead of through its twelve
 * chained middlewares on every request.
 */
export function securityHeaders(options?: HelmetOptions): HeaderList {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  let done = false;
  let failure: unknown;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
    done = true;
  });
  if (failure) {
    throw failure instanceof Error ? failure : new Error('Helmet refused its options');
  }
  if (!done) {
    throw new Error('Helmet did not finish synchronously: its headers cannot be precomputed');
  }
  return [...headers];
}
