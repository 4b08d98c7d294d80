import { Controller, Get, Header, UseGuards, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsRegistry } from './metrics.registry';
import { Public } from '../modules/auth/public.decorator';

/**
 * Prometheus scrape endpoint, outside /api and the envelope. On the public port it is under the
 * default rate limit like any route (a scrape costs milliseconds of CPU, so a flood of them would
 * starve the API); on the OPS_PORT listener nothing is rate limited.
 */
@ApiExcludeController()
@UseGuards(MetricsAccessGuard)
@Public()
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
