import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { OpsListener } from './ops-listener';
import { RedisHealthIndicator } from './redis.health';
import { ShutdownState } from '../lifecycle/shutdown-state';

@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [ShutdownState, RedisHealthIndicator, OpsListener],
  exports: [ShutdownState, OpsListener],
})
export class HealthModule {}
