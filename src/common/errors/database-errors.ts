import { types } from 'node:util';
import { QueryFailedError } from 'typeorm';

/** PostgreSQL SQLSTATE classes and client errors that mean "the database is not there". */
// 57014 is query_canceled: our statement timeout fired, which is how a frozen server shows up.
const UNAVAILABLE_SQLSTATES = new Set([
  '57014',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08006',
]);
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error',
  'Connection is not established',
];

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Node's own errors (ECONNREFUSED from a socket) fail `instanceof Error` when the code runs in
 * another realm, as under Jest's module sandbox: check for a native error too.
 */
export function isError(error: unknown): error is Error {
  return error instanceof Error || types.isNativeError(error);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!isError(error)) {
    return false;
  }
  const driverError = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  const code = errorCode(driverError) ?? errorCode(error);
  if (code && (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code))) {
    return true;
  }
  return UNAVAILABLE_MESSAGES.some((message) => error.message.includes(message));
}

/** A unique index was violated; `constraint` narrows it to one index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) {
    return false;
  }
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}
