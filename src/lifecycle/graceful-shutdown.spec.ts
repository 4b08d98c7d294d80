import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeConnectionsOnShutdown, closeServer } from './graceful-shutdown';
import { ShutdownState } from './shutdown-state';

/** A server whose `/slow` answers after `slowMs`, and a keep-alive agent to call it. */
async function startServer(slowMs = 300) {
  const server = http.createServer((req, res) => {
    setTimeout(() => res.end('ok'), req.url === '/slow' ? slowMs : 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true });
  const get = (path: string) =>
    new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, agent }, (res) => {
          res.resume();
          res.once('end', () => resolve(res));
        })
        .once('error', reject);
    });
  return { server, agent, get };
}

describe(closeServer.name, () => {
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

  it('lets an in-flight request finish and closes idle keep-alive connections', async () => {
    const { server, agent, get } = await startServer();
    await get('/');
    // The request reuses the agent's keep-alive connection, which stays open after it.
    const inFlight = get('/slow');
    await new Promise((resolve) => setTimeout(resolve, 50));

    const startedAt = Date.now();
    const closing = closeServer(server);
    await expect(inFlight).resolves.toMatchObject({ statusCode: 200 });
    await closing;
    // Not Node's keep-alive timeout (5 s): the connection closed as soon as it was idle.
    expect(Date.now() - startedAt).toBeLessThan(2_000);
    expect(server.listening).toBe(false);
    agent.destroy();
  });
});
