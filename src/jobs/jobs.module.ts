import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobBoss } from './job-boss';
import { JobHandlers } from './job-handlers';
import { JobWorkers } from './job-workers';
import { JobsService } from './jobs.service';

/**
 * Background jobs on PostgreSQL: any module enqueues through `JobsService` in its own transaction
 * and handles a queue with a `@JobQueue` provider. Global, like the database.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [JobBoss, JobHandlers, JobWorkers, JobsService],
  exports: [JobsService],
})
export class JobsModule {}
