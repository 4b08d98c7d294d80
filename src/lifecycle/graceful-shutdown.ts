import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ShutdownState } from './shutdown-state';

/** How often idle keep-alive connections are closed while the server waits for in-flight requests. */
const IDLE_SWEEP_MS = 100;

/**
 * From the moment shutdown begins, every response carries `Connection: close`: a keep-alive client
 * sends its next request on a new connection, which the balancer (having seen readiness 503) routes
 * to another instance. Without it a busy keep-alive connection would stay open, and be cut under a
 * request, when the server finally closes.
 */
export function closeConnectionsOnShutdown(server: Server, state: ShutdownState): void {
  server.prependListener('request', (_req: IncomingMessage, res: ServerResponse) => {
    if (state.isShuttingDown) {
      res.setHeader('Connection', 'close');
    }
  });
}

/**
 * Stops accepting connections, lets in-flight requests finish, and closes keep-alive connections
 * as soon as they are idle (a request that was in flight when this began leaves its connection
 * idle, not closed). Resolves once the last connection has closed.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
  });
}

export function delay(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}
