/* eslint-disable @typescript-eslint/no-require-imports */
import type * as CacheStore from '../cache/cache-store';
import type { AppConfig } from '../../config/app-config';

const LIBRARIES = ['@redis/client', '@keyv/redis', 'cache-manager', 'keyv'];

/** Loads the modules that use Redis in a fresh registry, recording which Redis libraries get loaded. */
function loadedWhile(use: (cacheStore: typeof CacheStore) => void): string[] {
  const loaded: string[] = [];
  jest.isolateModules(() => {
    for (const name of LIBRARIES) {
      jest.doMock(name, () => {
        loaded.push(name);
        return jest.requireActual<object>(name);
      });
    }
    require('./redis.module');
    require('../rate-limit/rate-limit.module');
    require('../../health/redis.health');
    use(require('../cache/cache-store') as typeof CacheStore);
  });
  return loaded.sort();
}

describe('Redis client libraries', () => {
  it('are not loaded without REDIS_URL', () => {
    const loaded = loadedWhile((cacheStore) => {
      expect(cacheStore.createCacheBackend({ redisUrl: undefined } as AppConfig).kind).toBe('memory');
    });

    expect(loaded).toEqual([]);
  });

  it('are loaded for a shared cache', async () => {
    let backend: CacheStore.CacheBackend | undefined;
    let close: typeof CacheStore.closeCacheBackend | undefined;
    const loaded = loadedWhile((cacheStore) => {
      backend = cacheStore.createCacheBackend({
        redisUrl: 'redis://127.0.0.1:1',
        redisPrefix: 'strata-test',
      } as AppConfig);
      close = cacheStore.closeCacheBackend;
    });

    expect(backend?.kind).toBe('shared');
    expect(loaded).toEqual(['@keyv/redis', '@redis/client', 'cache-manager', 'keyv']);
    await close?.(backend!).catch(() => undefined);
  });
});
