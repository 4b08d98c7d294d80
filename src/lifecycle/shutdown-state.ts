import { Injectable } from '@nestjs/common';

/** Flipped by main.ts on SIGTERM, so readiness turns 503 before the server stops accepting. */
@Injectable()
export class ShutdownState {
  private shuttingDown = false;

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  beginShutdown(): void {
    this.shuttingDown = true;
  }
}
