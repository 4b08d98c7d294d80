/** Enough for a flood from many addresses, small enough to cost nothing (a few hundred KiB at most). */
export const BLOCKED_CLIENTS_MAX = 10_000;

/**
 * The clients this instance has seen refused on the default budget, each until its window ends:
 * the request edge answers them 429 before routing, since the default budget covers every route
 * and they would be refused wherever they went. Bounded: past `maxEntries` the oldest entry goes
 * (that client is then refused by the guard as before). With Redis this only short-cuts what this
 * instance saw refused; the shared storage still decides everything else.
 */
export class BlockedClients {
  private readonly until = new Map<string, number>();

  constructor(private readonly maxEntries = BLOCKED_CLIENTS_MAX) {}

  block(client: string, untilMs: number): void {
    // Deleted first so a client blocked again moves to the end: the map stays oldest first.
    this.until.delete(client);
    if (this.until.size >= this.maxEntries) {
      const oldest = this.until.keys().next();
      if (!oldest.done) {
        this.until.delete(oldest.value);
      }
    }
    this.until.set(client, untilMs);
  }

  /** Milliseconds the client stays blocked; 0 when it is not (an ended block is forgotten). */
  blockedFor(client: string, now = Date.now()): number {
    const until = this.until.get(client);
    if (until === undefined) {
      return 0;
    }
    if (until <= now) {
      this.until.delete(client);
      return 0;
    }
    return until - now;
  }

  get size(): number {
    return this.until.size;
  }
}
