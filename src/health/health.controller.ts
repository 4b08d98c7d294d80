import { Controller, Get, ServiceUnavailableException, VERSION_NEUTRAL } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { HealthIndicatorFunction } from '@nestjs/terminus';
import { RedisHealthIndicator } from './redis.health';
import { SharedCheck } from './shared-check';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { Public } from '../modules/auth/public.decorator';
import { ApiTag } from '../common/openapi/api-tag.decorator';
import { ApiRateLimited } from '../common/rate-limit/api-rate-limited.decorator';

const PING_TIMEOUT_MS = 1_000;
/** How long one readiness check answers every probe: a flood of probes is one ping a second. */
const READINESS_MAX_AGE_MS = 1_000;

/**
 * On the public port, probes count against the default per-client budget like every route (a
 * prober polling every few seconds stays far below it; a flood of them is refused early). On the
 * OPS_PORT listener nothing is rate limited.
 */
@Public()
@ApiRateLimited('Too many requests from this client on the public port (never on the OPS_PORT listener)')
@ApiTag('health', 'Liveness and readiness probes, outside /api and the envelope')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly shutdown: ShutdownState,
  ) {}

  private readonly readiness = new SharedCheck(() => this.checkDependencies(), READINESS_MAX_AGE_MS);

  /** 200 while the process runs; it checks nothing else, so a database outage never restarts pods. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /**
   * 200 when the database (and Redis, when REDIS_URL is set) answer; 503 when one does not, and
   * from the moment shutdown begins (whatever the last check said). Concurrent probes share one
   * check, whose outcome answers for a second.
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    if (this.shutdown.isShuttingDown) {
      throw new ServiceUnavailableException('Shutting down');
    }
    return this.readiness.get();
  }

  private checkDependencies() {
    const checks: HealthIndicatorFunction[] = [
      () => this.database.pingCheck('database').withTimeout(PING_TIMEOUT_MS),
    ];
    if (this.redis.isConfigured) {
      checks.push(() => this.redis.pingCheck('redis', PING_TIMEOUT_MS));
    }
    return this.health.check(checks);
  }
}
