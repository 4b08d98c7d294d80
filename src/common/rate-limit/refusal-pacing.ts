/**
 * Early refusals of one client per window that are answered at once: a client that retried too
 * early, or the people behind one NAT address, learn of their 429 without waiting.
 */
export const PROMPT_REFUSALS = 100;
/** How long a refusal past those is held before it is answered (at most half of REQUEST_TIMEOUT). */
export const HELD_REFUSAL_MS = 1_000;
/**
 * Refusals held at once, whoever sent them. Each holds what an in-flight request holds anyway
 * (its request and response objects, a timer: a few KiB of heap), under 8 MiB in all. Past it,
 * refusals are answered at once, as they were before pacing.
 */
export const HELD_REFUSALS_MAX = 1_000;

export interface RefusalPacingOptions {
  promptRefusals: number;
  holdMs: number;
  maxHeld: number;
}

/** What pacing needs of a response: to learn that its connection closed. */
interface ClosingResponse {
  once(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
}

/**
 * Paces a client that keeps sending after its 429. A flood from one client is refused early at
 * little cost per request, but a closed-loop flooder (each connection sends its next request as
 * soon as the last is answered) is answered as fast as it asks and so takes the server's core
 * however cheap each answer is. Past its first `promptRefusals` in its window, each of its
 * refusals is answered after `holdMs` (never after its block ends): each of its connections then
 * gets at most one answer per `holdMs`, and the flood is admitted at a bounded rate while every
 * other client is served as before. The answer itself is the same 429.
 */
export class RefusalPacing {
  private readonly options: RefusalPacingOptions;
  private heldNow = 0;

  constructor(options: Partial<RefusalPacingOptions> = {}) {
    this.options = {
      promptRefusals: PROMPT_REFUSALS,
      holdMs: HELD_REFUSAL_MS,
      maxHeld: HELD_REFUSALS_MAX,
      ...options,
    };
  }

  /** Refusals held right now. */
  get held(): number {
    return this.heldNow;
  }

  /**
   * Sends a client's refusal (its `count`th early refusal in a block that has `leftMs` to run)
   * at once or after the hold. A response whose connection closes while held is never sent, and
   * frees its place at once.
   */
  answer(res: ClosingResponse, count: number, leftMs: number, send: () => void): void {
    const { promptRefusals, holdMs, maxHeld } = this.options;
    const holdFor = Math.min(holdMs, leftMs);
    if (count <= promptRefusals || this.heldNow >= maxHeld || holdFor <= 0) {
      send();
      return;
    }
    this.heldNow += 1;
    const release = () => {
      this.heldNow -= 1;
      clearTimeout(timer);
      res.off('close', release);
    };
    const timer = setTimeout(() => {
      release();
      send();
    }, holdFor);
    res.once('close', release);
  }
}
