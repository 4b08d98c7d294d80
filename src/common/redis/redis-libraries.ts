import type * as KeyvRedisLibrary from '@keyv/redis';
import type * as RedisClientLibrary from '@redis/client';
import type * as CacheManagerLibrary from 'cache-manager';
import type * as KeyvLibrary from 'keyv';

/**
 * The Redis client libraries, loaded when first asked for: only with REDIS_URL. Without it the process
 * never loads node-redis and the cache-manager stack: about 430 modules, a quarter of a second of
 * startup, and 6–10 MB of resident memory at rest. `require`, not `import()`: the test runner's
 * module sandbox supports no dynamic `import()`.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export function redisClientLibrary(): typeof RedisClientLibrary {
  return require('@redis/client') as typeof RedisClientLibrary;
}

export function sharedCacheLibraries(): {
  KeyvRedis: typeof KeyvRedisLibrary.default;
  createCache: typeof CacheManagerLibrary.createCache;
  Keyv: typeof KeyvLibrary.Keyv;
} {
  return {
    KeyvRedis: (require('@keyv/redis') as typeof KeyvRedisLibrary).default,
    createCache: (require('cache-manager') as typeof CacheManagerLibrary).createCache,
    Keyv: (require('keyv') as typeof KeyvLibrary).Keyv,
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */
