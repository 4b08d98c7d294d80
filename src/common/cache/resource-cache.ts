import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';

interface Stamped<T> {
  generation: string | null;
  value: T;
}

/** A cache that misbehaves (slow, down) must never fail or stall a read. */
const CACHE_TIMEOUT_MS = 300;

function withTimeout<T>(promise: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), CACHE_TIMEOUT_MS).unref();
  });
  // Cleared as soon as the cache answers: thousands of pending timers a second (one per read)
  // would each hold their promise into the old generation of the heap.
  return Promise.race([promise.catch(() => fallback), timedOut]).finally(() => clearTimeout(timer));
}

/**
 * Read-through cache for single resources that every caller sees alike (a published post, a
 * public profile), coherent across instances.
 *
 * Each key has a generation that every write replaces after it commits. An entry carries the
 * generation it was read under, and a read only accepts an entry whose generation is current. So a
 * slow reader that loaded the old row before a write committed, and stores it after the write's
 * invalidation, stores an entry that is already dead: no client reads stale data after a write.
 */
@Injectable()
export class ResourceCache {
  private readonly ttlMs: number;

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    config: AppConfig,
  ) {
    this.ttlMs = config.cacheTtl * 1000;
  }

  async read<T>(key: string, load: () => Promise<T | null>): Promise<T | null> {
    const [entry, generation] = await withTimeout(this.cache.mget<unknown>([key, generationKey(key)]), [
      undefined,
      undefined,
    ]);
    const current = typeof generation === 'string' ? generation : null;
    if (isStamped<T>(entry) && entry.generation === current) {
      return entry.value;
    }
    const value = await load();
    if (value !== null) {
      const stamped: Stamped<T> = deepFreeze({ generation: current, value });
      await withTimeout(this.cache.set(key, stamped, this.ttlMs), undefined);
    }
    return value;
  }

  /** Call after the write has committed. */
  async invalidate(...keys: string[]): Promise<void> {
    await withTimeout(
      Promise.all(
        keys.map(async (key) => {
          // Outlives any entry stamped with the previous generation.
          await this.cache.set(generationKey(key), randomUUID(), this.ttlMs * 2);
          await this.cache.del(key);
        }),
      ),
      undefined,
    );
  }
}

/** An in-process entry is shared by every request that reads it: frozen, nobody can alter it. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) {
      deepFreeze(child);
    }
  }
  return value;
}

function generationKey(key: string): string {
  return `${key}#generation`;
}

function isStamped<T>(entry: unknown): entry is Stamped<T> {
  return typeof entry === 'object' && entry !== null && 'generation' in entry && 'value' in entry;
}
