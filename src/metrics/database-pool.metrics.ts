import type { OnModuleInit } from '@nestjs/common';
import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsRegistry } from './metrics.registry';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Gauges read from the pg pool at scrape time: connections open, idle, and requests waiting. */
@Injectable()
export class DatabasePoolMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    const pool = () => (this.dataSource.driver as unknown as { master?: PgPool }).master;
    const gauge = (name: string, help: string, read: (p: PgPool) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.metrics.registry],
        collect() {
          const current = pool();
          this.set(current ? read(current) : 0);
        },
      });
    gauge('db_pool_connections_total', 'Connections open in the database pool', (p) => p.totalCount);
    gauge('db_pool_connections_idle', 'Idle connections in the database pool', (p) => p.idleCount);
    gauge('db_pool_requests_waiting', 'Queries waiting for a pooled connection', (p) => p.waitingCount);
  }
}
