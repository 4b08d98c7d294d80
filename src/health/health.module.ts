import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { OpsListener } from '../ops/ops-listener';
import { RedisHealthIndicator } from './redis.health';

@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, OpsListener],
  exports: [OpsListener],
})
export class HealthModule {}
