import { Global, Module } from '@nestjs/common';
import { DatabasePoolMetrics } from './database-pool.metrics';
import { JobQueueMetrics } from './job-queue.metrics';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: MetricsRegistry, useFactory: () => new MetricsRegistry() },
    DatabasePoolMetrics,
    JobQueueMetrics,
  ],
  exports: [MetricsRegistry],
})
export class MetricsModule {}
