import { Global, Module } from '@nestjs/common';
import { JobsService } from './jobs.service';

/** The durable job queue, for every module: `JobsService.enqueue(tx, queue, data)`. */
@Global()
@Module({
  providers: [JobsService],
  exports: [JobsService],
})
export class JobsModule {}
