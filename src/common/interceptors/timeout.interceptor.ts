import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { TimeoutError, catchError, throwError, timeout } from 'rxjs';
import { AppConfig } from '../../config/app-config';

/** A request that runs longer than REQUEST_TIMEOUT is answered 503 instead of hanging. */
@Injectable()
export class TimeoutInterceptor implements NestInterceptor {
  private readonly milliseconds: number;

  constructor(config: AppConfig) {
    this.milliseconds = config.requestTimeout * 1000;
  }

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      timeout(this.milliseconds),
      catchError((error: unknown) =>
        throwError(() =>
          error instanceof TimeoutError ? new ServiceUnavailableException('Request timed out') : error,
        ),
      ),
    );
  }
}
