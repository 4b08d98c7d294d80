import { loadConfig } from '../../config/load-config';
import { closeCacheBackend, createCacheBackend } from './cache-store';
import type { CacheBackend } from './cache-store';
import { ResourceCache } from './resource-cache';

/** Every backend a test opened, closed after it so no Redis socket keeps Jest alive. */
const opened: CacheBackend[] = [];

/**
 * The cache on the real store the app builds from these settings (in-process unless REDIS_URL),
 * with no default lifetime: every entry's CACHE_TTL comes from ResourceCache itself.
 */
function makeCache(env: Record<string, string> = {}): ResourceCache {
  const loaded = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', REDIS_PREFIX: 'strata-unit', ...env });
  // The cache reads neither; the resolved config type requires both.
  const config = { ...loaded, databaseUrl: 'postgres://unused', jwtSecret: 'unused' };
  const backend = createCacheBackend(config);
  opened.push(backend);
  return new ResourceCache(backend, config);
}

afterEach(async () => {
  jest.useRealTimers();
  await Promise.all(opened.splice(0).map((backend) => closeCacheBackend(backend).catch(() => undefined)));
});

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe(`${ResourceCache.name} in process`, () => {
  let cache: ResourceCache;

  beforeEach(() => {
    cache = makeCache();
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

  it('keeps an entry for CACHE_TTL, then loads it again', async () => {
    jest.useFakeTimers();
    const ttl = makeCache({ CACHE_TTL: '30s' });
    const load = jest.fn().mockResolvedValue({ title: 'v1' });
    await ttl.read('post:ttl', load);
    jest.advanceTimersByTime(29_000);
    await ttl.read('post:ttl', load);
    expect(load).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(2_000);
    await ttl.read('post:ttl', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('reads and invalidates in process without arming a timer', async () => {
    jest.useFakeTimers();
    const local = makeCache();
    await local.read('post:timers', () => Promise.resolve({ title: 'v1' }));
    const hit = local.read('post:timers', () => Promise.reject(new Error('should be a hit')));
    const invalidated = local.invalidate('post:timers');
    // A timeout guards a shared cache that may be slow; memory cannot be, and a timer per read costs.
    expect(jest.getTimerCount()).toBe(0);
    await expect(hit).resolves.toEqual({ title: 'v1' });
    await invalidated;
  });

  it('holds at most 10 000 entries, dropping the least recently used first', async () => {
    const load = (n: number) => () => Promise.resolve({ n });
    await cache.read('post:oldest', load(0));
    await cache.read('post:kept', load(0));
    for (let n = 1; n < 10_000; n += 1) {
      await cache.read(`post:${n}`, load(n));
      if (n === 5_000) {
        // A read makes an entry recent again: it outlives the older, unread one.
        await cache.read('post:kept', () => Promise.reject(new Error('should be a hit')));
      }
    }
    const oldest = jest.fn().mockResolvedValue({ n: 0 });
    await cache.read('post:oldest', oldest);
    expect(oldest).toHaveBeenCalledTimes(1);
    const kept = jest.fn().mockResolvedValue({ n: 0 });
    await cache.read('post:kept', kept);
    expect(kept).not.toHaveBeenCalled();
  });
});

describe(`${ResourceCache.name} with Redis unreachable`, () => {
  it('reads through to the loader and invalidates without failing', async () => {
    const cache = makeCache({ REDIS_URL: 'redis://127.0.0.1:1' });
    const load = jest.fn().mockResolvedValue({ title: 'from the database' });
    await expect(cache.read('post:5', load)).resolves.toEqual({ title: 'from the database' });
    await expect(cache.invalidate('post:5')).resolves.toBeUndefined();
    await expect(cache.read('post:5', load)).resolves.toEqual({ title: 'from the database' });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
