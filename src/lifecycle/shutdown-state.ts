import { Injectable } from '@nestjs/common';

/**
 * Flipped by the entry point on SIGTERM, so readiness turns 503 before the server stops accepting.
 * Whatever must react at that moment, not later when the app closes (job workers stop fetching),
 * subscribes with `onShutdown`.
 */
@Injectable()
export class ShutdownState {
  private shuttingDown = false;
  private readonly listeners: Array<() => void> = [];

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  beginShutdown(): void {
    if (this.shuttingDown) {
      return;
    }
    this.shuttingDown = true;
    for (const listener of this.listeners.splice(0)) {
      listener();
    }
  }

  /** Runs `listener` once when shutdown begins (at once if it has begun already). */
  onShutdown(listener: () => void): void {
    if (this.shuttingDown) {
      listener();
    } else {
      this.listeners.push(listener);
    }
  }
}
