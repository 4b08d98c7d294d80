import { Global, Module } from '@nestjs/common';
import { ShutdownState } from './shutdown-state';

/** The shutting-down flag, one per process: main.ts raises it, readiness and the server read it. */
@Global()
@Module({
  providers: [ShutdownState],
  exports: [ShutdownState],
})
export class LifecycleModule {}
