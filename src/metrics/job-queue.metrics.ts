import type { OnModuleInit } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { Database } from '../database/database';
import { readQueueDepths } from '../jobs/queue-depths';
import { MetricsRegistry } from './metrics.registry';

/** A scrape waits this long for the depths; past it (a database down or slow) they are left out. */
const DEPTH_TIMEOUT_MS = 1_000;

/**
 * `jobs_queue_depth`, read at scrape time with one grouped count. Scrapes that overlap share one
 * query; when it fails or is slow the gauge has no samples this time (a gap, not a stale value),
 * and the rest of the scrape is served as usual.
 */
@Injectable()
export class JobQueueMetrics implements OnModuleInit {
  private inFlight?: Promise<Map<string, number> | null>;

  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly db: Database,
  ) {}

  onModuleInit(): void {
    const depths = () => this.depths();
    new Gauge({
      name: 'jobs_queue_depth',
      help: 'Background jobs waiting to run (queued, deferred or waiting for a retry), by queue; a <queue>.dead queue holds the jobs that ran out of tries',
      labelNames: ['queue'] as const,
      registers: [this.metrics.registry],
      async collect() {
        const read = await depths();
        this.reset();
        for (const [queue, depth] of read ?? []) {
          this.set({ queue }, depth);
        }
      },
    });
  }

  private depths(): Promise<Map<string, number> | null> {
    this.inFlight ??= withTimeout(readQueueDepths(this.db.pool), DEPTH_TIMEOUT_MS)
      .catch(() => null)
      .finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
    timer.unref();
  });
  // The query may still end later; its result or failure is then ignored.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
