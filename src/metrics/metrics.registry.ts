import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per app instance (not prom-client's global one), so several apps in one process,
 * as in tests, never collide.
 */
export class MetricsRegistry {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  /** Counted by the process that ran the job. */
  readonly jobsCompleted = new Counter({
    name: 'jobs_completed_total',
    help: 'Background jobs this process ran to completion, by queue',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  /** Every failed try, whether it is retried or, the last one, moves the job to `<queue>.dead`. */
  readonly jobsFailed = new Counter({
    name: 'jobs_failed_total',
    help: 'Tries of background jobs that failed in this process (each retried, or dead-lettered after the last), by queue',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
