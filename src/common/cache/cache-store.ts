import { Logger } from '@nestjs/common';
import { KeyvCacheableMemory } from '@cacheable/memory';
import KeyvRedis from '@keyv/redis';
import { Keyv } from 'keyv';
import type { AppConfig } from '../../config/app-config';
import { REDIS_COMMAND_TIMEOUT_MS } from '../redis/redis.module';

/** In-process entries are bounded: the least recently used go first. */
const MEMORY_ENTRIES = 10_000;

/**
 * The cache's Keyv store: Redis when REDIS_URL is set (shared by every instance), memory otherwise.
 * Redis commands fail fast while it is unreachable (offline queue off, command timeout), so reads
 * fall through to the database. When the connection comes back the namespace is flushed: an
 * invalidation that could not reach Redis during the outage must not leave a stale entry behind.
 */
export function createCacheStore(config: AppConfig): Keyv {
  if (!config.redisUrl) {
    // Entries stay objects (no JSON round trip, no clone, one map instead of hashed shards): reading
    // a cached post costs a Map lookup. ResourceCache freezes what it stores, so no caller can
    // change an entry another request will read.
    const store = new KeyvCacheableMemory({ lruSize: MEMORY_ENTRIES, storeHashSize: 1, useClone: false });
    return new Keyv({ store, serialize: undefined, deserialize: undefined });
  }
  const logger = new Logger('Cache');
  const redis = new KeyvRedis(
    {
      url: config.redisUrl,
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
  return keyv;
}
