import { Global, Module } from '@nestjs/common';
import { JobsService } from './jobs.service';

/** The job queue for every module (`JobsService.enqueue`), and the workers of its `@JobQueue` handlers. */
@Global()
@Module({ providers: [JobsService], exports: [JobsService] })
export class JobsModule {}
