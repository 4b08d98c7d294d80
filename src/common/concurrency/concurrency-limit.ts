/** Every place is taken and `maxWaiting` tasks already wait: the caller should come back later. */
export class QueueFullError extends Error {
  constructor() {
    super('Too many tasks are waiting');
    this.name = 'QueueFullError';
  }
}

/** The task's signal aborted (its client went away) before the task began: it never ran. */
export class TaskAbortedError extends Error {
  constructor() {
    super('The task was aborted before it ran');
    this.name = 'TaskAbortedError';
  }
}

/**
 * At most `limit` tasks at once; at most `maxWaiting` more wait their turn in order, and the rest
 * are refused at once (QueueFullError). For CPU-bound work handed to libuv's threadpool (argon2):
 * more hashes at once than there are cores only makes each take longer, takes the core from the
 * event loop (every other request waits) and multiplies the memory held; an unbounded queue then
 * makes every caller wait behind a burst. A task whose signal aborts leaves the queue unrun.
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting = Number.POSITIVE_INFINITY,
  ) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) {
      throw new TaskAbortedError();
    }
    if (this.running < this.limit) {
      this.running += 1;
    } else if (this.waiting.length >= this.maxWaiting) {
      throw new QueueFullError();
    } else {
      await this.turn(signal);
    }
    try {
      // The signal may have aborted between being handed the place and running on it.
      if (signal?.aborted) {
        throw new TaskAbortedError();
      }
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

  /** Resolves when a finishing task hands this one its place; rejects if the signal aborts first. */
  private turn(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener('abort', leave);
        resolve();
      };
      const leave = () => {
        const index = this.waiting.indexOf(start);
        if (index !== -1) {
          this.waiting.splice(index, 1);
          reject(new TaskAbortedError());
        }
      };
      this.waiting.push(start);
      signal?.addEventListener('abort', leave, { once: true });
    });
  }
}
