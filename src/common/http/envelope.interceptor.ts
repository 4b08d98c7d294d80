import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Injectable, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { map } from 'rxjs/operators';
import { isApiRequest, toEnvelope } from './envelope';

/**
 * The success envelope (`{success, statusCode, message, data, meta?}`) around what an API handler
 * returns: a response DTO, a `Page`, or nothing (204, 304: no body). Its status is the response's
 * once the handler is done, so a handler that answers 304 gets no body. Routes outside /api (health,
 * metrics, docs) and streamed files keep their own bodies. Errors never reach it: the exception
 * filter writes the error envelope.
 */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    // The arguments themselves: `switchToHttp()` would add three closures to the context per request.
    if (!isApiRequest(context.getArgByIndex<Request>(0))) {
      return next.handle();
    }
    const response = context.getArgByIndex<Response>(1);
    return next
      .handle()
      .pipe(map((body) => (body instanceof StreamableFile ? body : toEnvelope(response.statusCode, body))));
  }
}
