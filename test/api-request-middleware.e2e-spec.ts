import { ServerResponse } from 'node:http';
import * as jsonDepth from '../src/common/http/json-depth';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/**
 * The API middleware (`Cache-Control: no-store`, the JSON body and its depth check) runs exactly
 * once for every request it covers: under the global prefix, on the routes served outside it and
 * on their `/v1/...` paths. Nest mounts it on some of those paths twice.
 */
describe('ApiRequestMiddleware, once per request', () => {
  let t: TestApp;
  let setHeader: jest.SpyInstance;
  let depthCheck: jest.SpyInstance;

  /** How often the middleware's own header was set while answering the request. */
  const noStoreHeaders = (): number =>
    setHeader.mock.calls.filter(([name, value]) => name === 'Cache-Control' && value === 'no-store').length;

  beforeAll(async () => {
    t = await startTestApp({ env: { DOCS_ENABLED: 'true' } });
  });

  beforeEach(() => {
    setHeader = jest.spyOn(ServerResponse.prototype, 'setHeader');
    depthCheck = jest.spyOn(jsonDepth, 'nestsDeeperThan');
  });

  afterEach(() => {
    setHeader.mockRestore();
    depthCheck.mockRestore();
  });

  afterAll(async () => {
    await t.close();
  });

  // Not /metrics: its route sets `no-store` itself (see the body test below).
  it.each([
    '/api/v1/posts',
    '/api/v1/posts/00000000-0000-4000-8000-000000000000',
    '/api/v1/nope',
    '/api/v2/posts',
    '/api',
    '/api/',
    '/health/live',
    '/health/ready',
    '/docs/json',
    '/v1/health/live',
    '/v1/metrics',
    '/v1/docs/json',
  ])('sets Cache-Control once for GET %s', async (path) => {
    await t.http({ contract: false }).get(path);
    expect(noStoreHeaders()).toBe(1);
  });

  it.each(['/api/v1/auth/login', '/api/v1/nope', '/health/live', '/health/ready', '/metrics', '/docs/json'])(
    'checks the depth of a JSON body once for %s',
    async (path) => {
      await t.http({ contract: false }).get(path).set('Content-Type', 'application/json').send('{"a":{}}');
      await t.http({ contract: false }).post(path).set('Content-Type', 'application/json').send('{"a":{}}');
      expect(depthCheck).toHaveBeenCalledTimes(2);
    },
  );

  it.each(['/nope', '/docs', '/v2/health/live', '/API/v1/posts'])('does not run for %s', async (path) => {
    await t.http({ contract: false }).get(path).set('Content-Type', 'application/json').send('{"a":{}}');
    expect(noStoreHeaders()).toBe(0);
    expect(depthCheck).not.toHaveBeenCalled();
  });
});
