import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeConnectionsOnShutdown, closeServer } from './graceful-shutdown';
import { ShutdownState } from './shutdown-state';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Every server a test started, cut off after it even when a test failed halfway. */
const started: Array<{ server: http.Server; agent: http.Agent }> = [];

/**
 * A server whose `/slow` answers only once the test releases it, and a keep-alive agent to call it.
 * Node's own keep-alive timeout is an hour: only closeServer can close an idle connection in time.
 */
async function startServer() {
  const slowArrived = deferred();
  const releaseSlow = deferred();
  const server = http.createServer((req, res) => {
    if (req.url === '/slow') {
      slowArrived.resolve();
      void releaseSlow.promise.then(() => res.end('ok'));
    } else {
      res.end('ok');
    }
  });
  server.keepAliveTimeout = 3_600_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true });
  started.push({ server, agent });
  const get = (path: string) =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, agent }, (res) => {
          res.resume();
          res.once('end', () => resolve(res));
        })
        .once('error', reject);
    });
  return { server, agent, get, slowArrived: slowArrived.promise, releaseSlow: releaseSlow.resolve };
}

describe(closeServer.name, () => {
  afterEach(() => {
    jest.useRealTimers();
    for (const { server, agent } of started.splice(0)) {
      agent.destroy();
      server.closeAllConnections();
      server.close();
    }
  });

  it('keeps connections alive until shutdown begins, then closes each after its response', async () => {
    const { server, agent, get } = await startServer();
    const state = new ShutdownState();
    closeConnectionsOnShutdown(server, state);

    expect((await get('/')).headers.connection).toBe('keep-alive');
    state.beginShutdown();
    expect((await get('/')).headers.connection).toBe('close');

    agent.destroy();
    await closeServer(server);
  });

  it('lets an in-flight request finish and closes idle keep-alive connections at its next sweep', async () => {
    const { server, agent, get, slowArrived, releaseSlow } = await startServer();
    await get('/');
    // The request reuses the agent's keep-alive connection, which stays open after it.
    const inFlight = get('/slow');
    await slowArrived;

    // Fake timers drive the idle sweep; sockets and their I/O stay real.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    let closed = false;
    const closing = closeServer(server).then(() => (closed = true));
    releaseSlow();
    await expect(inFlight).resolves.toMatchObject({ statusCode: 200 });
    expect(closed).toBe(false);
    // The connection is idle now; the sweep closes it, and the server with it.
    jest.advanceTimersByTime(100);
    await closing;
    expect(server.listening).toBe(false);
    agent.destroy();
  }, 10_000);
});
