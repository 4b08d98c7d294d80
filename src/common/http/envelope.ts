import { STATUS_CODES } from 'node:http';
import { Page } from './page';

export interface SuccessEnvelope<T> {
  success: true;
  statusCode: number;
  message: string;
  data: T;
  meta?: Page<unknown>['meta'];
}

/**
 * The success envelope (`{success, statusCode, message, data, meta?}`) for what an API handler
 * returned; 204 and 304 have no body.
 */
export function toEnvelope(statusCode: number, body: unknown): SuccessEnvelope<unknown> | undefined {
  if (statusCode === 204 || statusCode === 304) {
    return undefined;
  }
  const message = STATUS_CODES[statusCode] ?? 'OK';
  return body instanceof Page
    ? { success: true, statusCode, message, data: body.items, meta: body.meta }
    : { success: true, statusCode, message, data: body ?? null };
}

/** Routes under /api answer in the envelope; health, metrics and docs keep their own bodies. */
export function isApiRequest(req: { originalUrl?: string; url?: string } | undefined): boolean {
  return (req?.originalUrl ?? req?.url ?? '').startsWith('/api/');
}
