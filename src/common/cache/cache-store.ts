import { Logger } from '@nestjs/common';
import type KeyvRedis from '@keyv/redis';
import type { Cache } from 'cache-manager';
import type { Keyv } from 'keyv';
import type { AppConfig } from '../../config/app-config';
import { REDIS_COMMAND_TIMEOUT_MS } from '../redis/redis.module';
import { sharedCacheLibraries } from '../redis/redis-libraries';
import { MemoryEntries } from './memory-entries';

/** In-process entries are bounded: the least recently used go first. */
const MEMORY_ENTRIES = 10_000;

/**
 * Where the cache keeps its entries: in process (entries stay objects, read synchronously: a hit
 * costs a `Map` lookup), or in Redis through cache-manager, shared by every instance.
 */
export type CacheBackend =
  { kind: 'memory'; entries: MemoryEntries } | { kind: 'shared'; cache: Cache; redis: KeyvRedis<unknown> };

/** Redis when REDIS_URL is set, memory otherwise. */
export function createCacheBackend(config: AppConfig): CacheBackend {
  if (!config.redisUrl) {
    return { kind: 'memory', entries: new MemoryEntries(MEMORY_ENTRIES) };
  }
  const libraries = sharedCacheLibraries();
  const { keyv, redis } = createRedisStore(config, config.redisUrl, libraries);
  return { kind: 'shared', cache: libraries.createCache({ stores: [keyv as never] }), redis };
}

/**
 * Connects to Redis now, if that is the backend: its client otherwise connects on first use and
 * queues nothing meanwhile. A short-lived script connects first, so its invalidations arrive.
 */
export async function connectCacheBackend(backend: CacheBackend): Promise<void> {
  if (backend.kind !== 'shared') {
    return;
  }
  await backend.redis.getClient();
}

/** Closes the Redis connection, if any. */
export async function closeCacheBackend(backend: CacheBackend): Promise<void> {
  if (backend.kind === 'shared') {
    await backend.cache.disconnect();
  }
}

/**
 * Redis commands fail fast while it is unreachable (offline queue off, command timeout), so reads
 * fall through to the database. When the connection comes back the namespace is flushed: an
 * invalidation that could not reach Redis during the outage must not leave a stale entry behind.
 */
function createRedisStore(
  config: AppConfig,
  url: string,
  { KeyvRedis, Keyv }: ReturnType<typeof sharedCacheLibraries>,
): { keyv: Keyv; redis: KeyvRedis<unknown> } {
  const logger = new Logger('Cache');
  const redis = new KeyvRedis(
    {
      url,
      disableOfflineQueue: true,
      commandOptions: { timeout: REDIS_COMMAND_TIMEOUT_MS },
      socket: {
        connectTimeout: 1_000,
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
      },
    },
    { namespace: `${config.redisPrefix}:cache`, throwOnConnectError: false, connectionTimeout: 1_000 },
  );
  const keyv = new Keyv({ store: redis, namespace: `${config.redisPrefix}:cache`, useKeyPrefix: false });
  let connections = 0;
  redis.client.on('ready', () => {
    connections += 1;
    if (connections > 1) {
      keyv.clear().catch(() => undefined);
      logger.log('Redis is back: cache namespace flushed');
    }
  });
  // Errors are expected during an outage and already handled as misses; never let them crash.
  redis.on('error', () => undefined);
  keyv.on('error', () => undefined);
  return { keyv, redis };
}
