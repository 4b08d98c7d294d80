/**
 * At most `limit` tasks at once; the rest wait their turn in order. For CPU-bound work handed to
 * libuv's threadpool (argon2): more hashes at once than there are cores only makes each take longer,
 * takes the core from the event loop (every other request waits) and multiplies the memory held.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) {
        next();
      } else {
        this.running -= 1;
      }
    }
  }
}
