import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import { Catch, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ServiceSaturatedError } from '../errors/app-error';
import { isError } from '../errors/database-errors';
import { pathOf } from '../http/request-facts';
import { requestIdOf } from '../http/request-id';
import { AccountLockedError } from '../rate-limit/account-locked.error';
import { writeRefusalHeaders } from '../rate-limit/rate-limit-headers';
import { classifyError, toErrorEnvelope } from './error-response';

/** Only what is safe to log: never a query, its parameters or a stack trace (those hold data). */
function describeForLog(exception: unknown): Record<string, unknown> {
  if (!isError(exception)) {
    return { type: typeof exception };
  }
  const code = (exception as { code?: unknown }).code;
  const driverCode = (exception as { driverError?: { code?: unknown } }).driverError?.code;
  return { type: exception.name, message: exception.message, code: driverCode ?? code };
}

const errorLogger = new Logger('Errors');

/** Answers with the error envelope (or ends a response already under way), and logs what needs it. */
export function answerWithError(request: Request, response: Response, exception: unknown): void {
  const error = classifyError(exception);
  const requestId = requestIdOf(request);
  if (!error.expected) {
    errorLogger.error({ requestId, err: describeForLog(exception) }, 'Unhandled error');
  } else if (error.status >= 500) {
    errorLogger.warn({ requestId, err: describeForLog(exception) }, error.message);
  }
  if (response.headersSent) {
    response.end();
    return;
  }
  if (exception instanceof AccountLockedError) {
    writeRefusalHeaders(response, [exception.budget], exception.budget);
  }
  if (exception instanceof ServiceSaturatedError) {
    response.setHeader('Retry-After', String(exception.retryAfterSeconds));
  }
  response.status(error.status).json(toErrorEnvelope(error, pathOf(request), requestId));
}

/** The one place every error, from Nest, Express, the database or a bug, becomes the envelope. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    answerWithError(http.getRequest<Request>(), http.getResponse<Response>(), exception);
  }
}
