interface Entry {
  value: unknown;
  /** Epoch milliseconds; the entry is gone once `Date.now()` passes it. */
  expiresAt: number;
}

/**
 * The in-process cache: a `Map` in least-recently-used order (a read or a write moves its key to
 * the end, and the first key goes when the map is full), each entry with its own lifetime. It
 * answers synchronously: nothing here can be slow or down, so a read needs no timeout, no timer
 * and no promise. Values are stored as they are (no copy): callers store frozen values only.
 */
export class MemoryEntries {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries: number) {}

  get(key: string): unknown {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      return undefined;
    }
    if (Date.now() > entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: unknown, ttlMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    if (this.entries.size > this.maxEntries) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
