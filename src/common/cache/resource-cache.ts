import { Inject, Injectable } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import type { CacheBackend } from './cache-store';
import type { MemoryEntries } from './memory-entries';

/** The DI token of the cache's backend (`createCacheBackend`). */
export const CACHE_BACKEND = Symbol('CACHE_BACKEND');

interface Stamped<T> {
  generation: string | null;
  value: T;
}

/** A shared cache that misbehaves (slow, down) must never fail or stall a read. */
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
  /** In process: read and written synchronously, no timeout needed. */
  private readonly memory: MemoryEntries | undefined;
  /** Redis, through cache-manager: every call under a timeout. */
  private readonly shared: Cache | undefined;

  constructor(@Inject(CACHE_BACKEND) backend: CacheBackend, config: AppConfig) {
    this.ttlMs = config.cacheTtl * 1000;
    this.memory = backend.kind === 'memory' ? backend.entries : undefined;
    this.shared = backend.kind === 'shared' ? backend.cache : undefined;
  }

  /**
   * Not an `async` function: a hit in process resolves at once, with no extra turns of the
   * microtask queue (this runs twice on every cached read of a post).
   */
  read<T>(key: string, load: () => Promise<T | null>): Promise<T | null> {
    const memory = this.memory;
    if (memory === undefined) {
      return this.readShared(key, load);
    }
    const entry = memory.get(key);
    const current = currentGeneration(memory.get(generationKey(key)));
    if (isStamped<T>(entry) && entry.generation === current) {
      return Promise.resolve(entry.value);
    }
    return this.loadIntoMemory(memory, key, current, load);
  }

  /** Call after the write has committed. */
  async invalidate(...keys: string[]): Promise<void> {
    const memory = this.memory;
    if (memory !== undefined) {
      for (const key of keys) {
        // Outlives any entry stamped with the previous generation.
        memory.set(generationKey(key), randomUUID(), this.ttlMs * 2);
        memory.delete(key);
      }
      return;
    }
    const shared = this.shared as Cache;
    await withTimeout(
      Promise.all(
        keys.map(async (key) => {
          await shared.set(generationKey(key), randomUUID(), this.ttlMs * 2);
          await shared.del(key);
        }),
      ),
      undefined,
    );
  }

  private async loadIntoMemory<T>(
    memory: MemoryEntries,
    key: string,
    generation: string | null,
    load: () => Promise<T | null>,
  ): Promise<T | null> {
    const value = await load();
    if (value !== null) {
      memory.set(key, deepFreeze<Stamped<T>>({ generation, value }), this.ttlMs);
    }
    return value;
  }

  private async readShared<T>(key: string, load: () => Promise<T | null>): Promise<T | null> {
    const shared = this.shared as Cache;
    const [entry, generation] = await withTimeout(shared.mget<unknown>([key, generationKey(key)]), [
      undefined,
      undefined,
    ]);
    const current = currentGeneration(generation);
    if (isStamped<T>(entry) && entry.generation === current) {
      return entry.value;
    }
    const value = await load();
    if (value !== null) {
      const stamped: Stamped<T> = deepFreeze({ generation: current, value });
      await withTimeout(shared.set(key, stamped, this.ttlMs), undefined);
    }
    return value;
  }
}

function currentGeneration(generation: unknown): string | null {
  return typeof generation === 'string' ? generation : null;
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
