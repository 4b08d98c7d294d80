import { createCache } from 'cache-manager';
import type { Cache } from 'cache-manager';
import { createCacheStore } from '../src/common/cache/cache-store';
import { ResourceCache } from '../src/common/cache/resource-cache';
import type { AppConfig } from '../src/config/app-config';
import { testConfig } from './support/test-app';

/** Every store a test opened, disconnected after it so no Redis socket keeps Jest alive. */
const opened: Cache[] = [];

/** The cache against its real stores: in-process, and (in the CI pass with REDIS_URL) Redis. */
function makeCache(config: AppConfig): ResourceCache {
  const cache = createCache({ stores: [createCacheStore(config) as never], ttl: config.cacheTtl * 1000 });
  opened.push(cache);
  return new ResourceCache(cache, config);
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((cache) => cache.disconnect().catch(() => undefined)));
});

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const stores: Array<[string, Record<string, string>]> = [['memory', {}]];
if (process.env.REDIS_URL) {
  stores.push(['redis', { REDIS_URL: process.env.REDIS_URL }]);
}

describe.each(stores)('ResourceCache on %s', (_name, env) => {
  let cache: ResourceCache;
  let config: AppConfig;

  beforeEach(() => {
    config = testConfig('postgres://unused/test', env);
    cache = makeCache(config);
  });

  it('serves a second read from the cache', async () => {
    const load = jest.fn().mockResolvedValue({ title: 'v1' });
    await expect(cache.read('post:1', load)).resolves.toEqual({ title: 'v1' });
    await expect(cache.read('post:1', load)).resolves.toEqual({ title: 'v1' });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not cache a missing resource', async () => {
    const load = jest.fn().mockResolvedValue(null);
    await cache.read('post:missing', load);
    await cache.read('post:missing', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('reloads after an invalidation', async () => {
    await cache.read('post:2', () => Promise.resolve({ title: 'v1' }));
    await cache.invalidate('post:2');
    await expect(cache.read('post:2', () => Promise.resolve({ title: 'v2' }))).resolves.toEqual({
      title: 'v2',
    });
  });

  it('ignores what a slow reader stores after a write invalidated the key', async () => {
    const slowLoad = deferred<{ title: string }>();
    const loading = deferred<void>();
    const slowRead = cache.read('post:3', () => {
      loading.resolve();
      return slowLoad.promise;
    });
    // The write commits and invalidates while the slow reader is loading the old row.
    await loading.promise;
    await cache.invalidate('post:3');
    slowLoad.resolve({ title: 'old' });
    await slowRead;
    await expect(cache.read('post:3', () => Promise.resolve({ title: 'new' }))).resolves.toEqual({
      title: 'new',
    });
  });

  if (env.REDIS_URL) {
    it('is coherent across instances sharing Redis', async () => {
      const other = makeCache(config);
      await cache.read('post:4', () => Promise.resolve({ title: 'v1' }));
      await expect(other.read('post:4', () => Promise.resolve({ title: 'unused' }))).resolves.toEqual({
        title: 'v1',
      });
      await other.invalidate('post:4');
      await expect(cache.read('post:4', () => Promise.resolve({ title: 'v2' }))).resolves.toEqual({
        title: 'v2',
      });
    });
  }
});

describe('ResourceCache with Redis unreachable', () => {
  it('reads through to the loader and invalidates without failing', async () => {
    const cache = makeCache(testConfig('postgres://unused/test', { REDIS_URL: 'redis://127.0.0.1:1' }));
    const load = jest.fn().mockResolvedValue({ title: 'from the database' });
    await expect(cache.read('post:5', load)).resolves.toEqual({ title: 'from the database' });
    await expect(cache.invalidate('post:5')).resolves.toBeUndefined();
    await expect(cache.read('post:5', load)).resolves.toEqual({ title: 'from the database' });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
