/**
 * One run of an expensive check shared by everyone who asks while it runs, and its outcome (success
 * or failure alike) reused until it is `maxAgeMs` old, counted from when it settled. A flood of
 * callers therefore costs one run per `maxAgeMs`, never one each.
 */
export class SharedCheck<T> {
  private current: { outcome: Promise<T>; settledAt: number | undefined } | undefined;

  constructor(
    private readonly run: () => Promise<T>,
    private readonly maxAgeMs: number,
  ) {}

  get(): Promise<T> {
    const current = this.current;
    if (current && (current.settledAt === undefined || Date.now() - current.settledAt < this.maxAgeMs)) {
      return current.outcome;
    }
    const entry: { outcome: Promise<T>; settledAt: number | undefined } = {
      outcome: this.run(),
      settledAt: undefined,
    };
    const settle = () => {
      entry.settledAt = Date.now();
    };
    entry.outcome.then(settle, settle);
    this.current = entry;
    return entry.outcome;
  }
}
