/**
 * Lets a message through once per `windowMs`: pg-boss reports a failed poll on every poll of every
 * queue, so a database that is down for a minute would otherwise fill the log with one line.
 */
export class RepeatFilter {
  private readonly lastShown = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  shouldShow(message: string): boolean {
    const now = this.now();
    const last = this.lastShown.get(message);
    if (last !== undefined && now - last < this.windowMs) {
      return false;
    }
    if (this.lastShown.size >= 100) {
      this.lastShown.clear();
    }
    this.lastShown.set(message, now);
    return true;
  }
}
