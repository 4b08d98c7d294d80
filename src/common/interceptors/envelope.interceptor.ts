import { STATUS_CODES } from 'node:http';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import { Page } from '../http/page';

export interface SuccessEnvelope<T> {
  success: true;
  statusCode: number;
  message: string;
  data: T;
  meta?: Page<unknown>['meta'];
}

export function toEnvelope(statusCode: number, body: unknown): SuccessEnvelope<unknown> | undefined {
  if (statusCode === 204 || statusCode === 304) {
    return undefined;
  }
  const envelope = { success: true as const, statusCode, message: STATUS_CODES[statusCode] ?? 'OK' };
  return body instanceof Page
    ? { ...envelope, data: body.items, meta: body.meta }
    : { ...envelope, data: body ?? null };
}

/** Wraps what an API handler returns in the success envelope of SPEC §4 (health and docs keep their own). */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    if (!http.getRequest<Request>().path.startsWith('/api/')) {
      return next.handle();
    }
    const response = http.getResponse<Response>();
    return next.handle().pipe(map((body: unknown) => toEnvelope(response.statusCode, body)));
  }
}
