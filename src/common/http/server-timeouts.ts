import type { Server } from 'node:http';

/** Node's keep-alive idle timeout, made explicit: how long an idle connection waits for its next request. */
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/**
 * Node's own limits on receiving a request, in step with REQUEST_TIMEOUT (Node's defaults, 60 s
 * for the headers and 300 s for the whole request, let a client trickling a body hold its socket
 * for minutes after the app answered 503). The headers must arrive within REQUEST_TIMEOUT; the
 * whole request a little after it, so a slow body is first answered 503 in the envelope by the
 * app's own timer and then cut off. Set before the server listens: Node starts checking
 * connections, at the interval set here, when it does.
 */
export function applyServerTimeouts(server: Server, requestTimeoutSeconds: number): void {
  const timeoutMs = Math.max(1, Math.ceil(requestTimeoutSeconds * 1000));
  server.headersTimeout = timeoutMs;
  server.requestTimeout = timeoutMs + Math.min(1_000, timeoutMs);
  // Node's default is 30 s, which would let an expired connection live that much longer.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.min(
    1_000,
    Math.max(50, Math.floor(timeoutMs / 4)),
  );
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
}
