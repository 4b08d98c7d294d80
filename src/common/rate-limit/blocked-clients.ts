/** Enough for a flood from many addresses, small enough to cost nothing (a few hundred KiB at most). */
export const BLOCKED_CLIENTS_MAX = 10_000;

interface Block {
  untilMs: number;
  /** Early refusals of the client since it was blocked. */
  refusals: number;
}

/** One early refusal: when the client's block ends, and how many refusals it has had in it, this one included. */
export interface Refusal {
  untilMs: number;
  count: number;
}

/**
 * The clients this instance has seen refused on the default budget, each until its window ends:
 * the request edge answers them 429 before routing, since the default budget covers every route
 * and they would be refused wherever they went. Each block counts its early refusals, so a client
 * that keeps sending after its 429 can be told apart from one that retried a little too early.
 * Bounded: past `maxEntries` the oldest entry goes (that client is then refused by the guard as
 * before). With Redis this only short-cuts what this instance saw refused; the shared storage
 * still decides everything else.
 */
export class BlockedClients {
  private readonly blocks = new Map<string, Block>();

  constructor(private readonly maxEntries = BLOCKED_CLIENTS_MAX) {}

  block(client: string, untilMs: number): void {
    // Deleted first so a client blocked again moves to the end: the map stays oldest first.
    this.blocks.delete(client);
    if (this.blocks.size >= this.maxEntries) {
      const oldest = this.blocks.keys().next();
      if (!oldest.done) {
        this.blocks.delete(oldest.value);
      }
    }
    this.blocks.set(client, { untilMs, refusals: 0 });
  }

  /** Milliseconds the client stays blocked; 0 when it is not (an ended block is forgotten). */
  blockedFor(client: string, now = Date.now()): number {
    const block = this.current(client, now);
    return block === undefined ? 0 : block.untilMs - now;
  }

  /** Counts one early refusal of a blocked client; undefined when it is not blocked. */
  refuse(client: string, now = Date.now()): Refusal | undefined {
    const block = this.current(client, now);
    if (block === undefined) {
      return undefined;
    }
    block.refusals += 1;
    return { untilMs: block.untilMs, count: block.refusals };
  }

  get size(): number {
    return this.blocks.size;
  }

  private current(client: string, now: number): Block | undefined {
    const block = this.blocks.get(client);
    if (block !== undefined && block.untilMs <= now) {
      this.blocks.delete(client);
      return undefined;
    }
    return block;
  }
}
