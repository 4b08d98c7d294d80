import { createHash, timingSafeEqual } from 'node:crypto';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { pathOf } from '../common/http/request-facts';
import { AppConfig } from '../config/app-config';

const BEARER = /^Bearer +(\S+) *$/i;

/** Equal digests take equal time to compare, whatever the lengths of the strings. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Who may scrape /metrics, which tells the Node.js version, the pool's state and per-route traffic:
 * - with METRICS_TOKEN, whoever sends `Authorization: Bearer <METRICS_TOKEN>`, on any listener;
 * - else, with OPS_PORT, anyone on that listener (the route is not on the public port then);
 * - else anyone outside production; in production nobody: 404, as if there were no such route.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    const token = this.config.metricsToken;
    if (token !== undefined) {
      const given = BEARER.exec(req.headers.authorization ?? '')?.[1];
      if (given === undefined || !sameSecret(given, token)) {
        throw new UnauthorizedException('A valid metrics token is required');
      }
      return true;
    }
    if (this.config.opsPort === undefined && this.config.nodeEnv === 'production') {
      throw new NotFoundException(`Cannot ${req.method} ${pathOf(req)}`);
    }
    return true;
  }
}
