import { Global, Module } from '@nestjs/common';
import { OpsListener } from './ops-listener';

/** The OPS_PORT listener, one per app: the bootstrap attaches it, the rate limiter and the edge ask it. */
@Global()
@Module({
  providers: [OpsListener],
  exports: [OpsListener],
})
export class OpsModule {}
