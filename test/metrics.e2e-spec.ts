import { Controller, Get, Module, Param } from '@nestjs/common';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';
import { Public } from '../src/modules/auth/public.decorator';

@Public()
// A name no one gives a real module: the generator refuses a route a test already serves.
@Controller('__probe-widgets')
class WidgetsController {
  @Get(':id')
  read(@Param('id') id: string): { id: string } {
    return { id };
  }
}

@Module({ controllers: [WidgetsController] })
class WidgetsModule {}

describe('Prometheus metrics', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ extraModules: [WidgetsModule] });
  });

  afterAll(async () => {
    await t.close();
  });

  it('labels request durations with the route template, never a raw id', async () => {
    await t.http().get('/api/v1/__probe-widgets/4f1d2c3b-aaaa-4bbb-8ccc-123456789abc').expect(200);
    await t.http().get('/api/v1/__probe-widgets/another-id').expect(200);
    const res = await t.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/__probe-widgets\/:id",status="200"\} 2/,
    );
    expect(res.text).not.toContain('4f1d2c3b');
    expect(res.text).not.toContain('another-id');
  });

  it('puts unknown routes under one label', async () => {
    await t.http().get('/api/v1/no-such-thing/123').expect(404);
    const res = await t.http().get('/metrics').expect(200);
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="unmatched",status="404"\} \d+/,
    );
    expect(res.text).not.toContain('no-such-thing');
  });

  it('labels requests rejected before routing unmatched, never with a middleware or handler path', async () => {
    const id = '4f1d2c3b-aaaa-4bbb-8ccc-123456789abc';
    await t.http().delete(`/api/v1/__probe-widgets/${id}`).expect(405);
    await t.http().post('/health/live').expect(405);
    await t.http().get(`/API/v1/__probe-widgets/${id}`).expect(404);
    await t
      .http()
      .post(`/api/v1/__probe-widgets/${id}`)
      .set('Content-Type', 'application/json')
      .send('{"broken":')
      .expect(400);
    await t
      .http()
      .put(`/api/v1/__probe-widgets/${id}`)
      .set('Content-Type', 'text/plain')
      .send('words')
      .expect(415);
    const res = await t.http().get('/metrics').expect(200);
    for (const [method, status] of [
      ['DELETE', 405],
      ['POST', 405],
      ['GET', 404],
      ['POST', 400],
      ['PUT', 415],
    ]) {
      expect(res.text).toMatch(
        new RegExp(
          `http_request_duration_seconds_count\\{method="${method}",route="unmatched",status="${status}"\\} \\d+`,
        ),
      );
    }
    expect(res.text).not.toMatch(/route="\/api\{/);
    expect(res.text).not.toMatch(/route="\/health\/live",status="405"/);
  });

  it('exposes process and database pool gauges', async () => {
    const res = await t.http().get('/metrics').expect(200);
    expect(res.text).toContain('process_resident_memory_bytes');
    expect(res.text).toMatch(/db_pool_connections_total \d+/);
    expect(res.text).toMatch(/db_pool_connections_idle \d+/);
    expect(res.text).toMatch(/db_pool_requests_waiting \d+/);
  });

  it('is served outside the envelope with a request id', async () => {
    const res = await t.http().get('/metrics').expect(200);
    expect(res.text.startsWith('{')).toBe(false);
    expect(res.headers['x-request-id']).toBeDefined();
  });
});
