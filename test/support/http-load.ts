/** What became of one request: its status, or the error that replaced a response. */
export interface Outcome {
  route: string;
  startedAt: number;
  finishedAt: number;
  status?: number;
  error?: string;
}

export interface LoadRequest {
  route: string;
  url: string;
  init?: RequestInit;
}

export interface LoadOptions {
  /** Concurrent loops, each sending its next request as soon as the last one answered. */
  concurrency: number;
  /** Picks what loop `worker` sends next. */
  next: (worker: number) => LoadRequest;
  /** Checked before every request: the loops stop once it returns false. */
  keepGoing: () => boolean;
  /** Per request; a request slower than this counts as an error. */
  timeoutMs?: number;
}

function describeError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = error instanceof Error ? error.message : String(error);
  return cause ? `${message}: ${cause.code ?? cause.message ?? ''}` : message;
}

/**
 * Keep-alive request loops (fetch reuses connections), as a load balancer's traffic would be.
 * Returns every outcome once all loops have stopped.
 */
export async function runLoad(options: LoadOptions): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const loop = async (worker: number) => {
    while (options.keepGoing()) {
      const { route, url, init } = options.next(worker);
      const startedAt = Date.now();
      try {
        const res = await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
        await res.arrayBuffer();
        outcomes.push({ route, startedAt, finishedAt: Date.now(), status: res.status });
      } catch (error) {
        outcomes.push({ route, startedAt, finishedAt: Date.now(), error: describeError(error) });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, worker) => loop(worker)));
  return outcomes;
}

/**
 * Like a load balancer's health check: polls readiness until it answers anything but 200 (status 0
 * for no answer at all), and says when.
 */
export async function watchReadiness(
  url: string,
  options: { intervalMs: number; deadline: number },
): Promise<{ status: number; at: number } | undefined> {
  while (Date.now() < options.deadline) {
    const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (res) => res.status,
      () => 0,
    );
    if (status !== 200) {
      return { status, at: Date.now() };
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
  return undefined;
}
