import type { Database } from '../database/database';
import { JobQueueMetrics } from './job-queue.metrics';
import { MetricsRegistry } from './metrics.registry';

function metricsOver(query: jest.Mock): MetricsRegistry {
  const metrics = new MetricsRegistry();
  new JobQueueMetrics(metrics, { pool: { query } } as unknown as Database).onModuleInit();
  return metrics;
}

describe(JobQueueMetrics.name, () => {
  it('reports the depth of each queue as the database counts it at scrape time', async () => {
    const query = jest.fn().mockResolvedValue([
      { name: 'mail.send', depth: 3 },
      { name: 'mail.send.dead', depth: 0 },
    ]);
    const text = await metricsOver(query).registry.metrics();
    expect(text).toContain('jobs_queue_depth{queue="mail.send"} 3');
    expect(text).toContain('jobs_queue_depth{queue="mail.send.dead"} 0');
  });

  it('leaves the depths out, and serves the rest, when the database fails', async () => {
    const text = await metricsOver(
      jest.fn().mockRejectedValue(new Error('connection refused')),
    ).registry.metrics();
    expect(text).not.toMatch(/^jobs_queue_depth\{/m);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('gives up on a database that does not answer within a second', async () => {
    const metrics = metricsOver(jest.fn().mockReturnValue(new Promise(() => undefined)));
    const started = Date.now();
    const text = await metrics.registry.metrics();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(text).not.toMatch(/^jobs_queue_depth\{/m);
  });

  it('shares one query between overlapping scrapes', async () => {
    const query = jest.fn().mockResolvedValue([{ name: 'a.b', depth: 1 }]);
    const metrics = metricsOver(query);
    await Promise.all([metrics.registry.metrics(), metrics.registry.metrics()]);
    expect(query).toHaveBeenCalledTimes(1);
  });
});
