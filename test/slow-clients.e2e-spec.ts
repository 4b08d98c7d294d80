import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { ProbeModule } from './support/probe.module';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/** One byte every 50 ms: the whole request would take 30 s, sixty times REQUEST_TIMEOUT. */
const TRICKLE_MS = 50;
const TRICKLED_BYTES = 600;

type Outcome = { closedEarly: boolean; firstLine: string; bytesSent: number };

/**
 * Sends `head` at once and then `TRICKLED_BYTES` bytes one at a time; resolves when the server
 * closes the socket, or when every byte went out with the socket still open (not cut off).
 */
function trickle(port: number, head: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let bytesSent = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (closedEarly: boolean) => {
      clearInterval(timer);
      socket.destroy();
      resolve({ closedEarly, firstLine: received.split('\r\n')[0], bytesSent });
    };
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.once('close', () => finish(bytesSent < TRICKLED_BYTES));
    socket.once('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (bytesSent === TRICKLED_BYTES) {
          finish(false);
          return;
        }
        bytesSent += 1;
        socket.write('a');
      }, TRICKLE_MS);
    });
  });
}

describe('Slow clients', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ extraModules: [ProbeModule], env: { REQUEST_TIMEOUT: '1s' } });
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await t.close();
  });

  it('are answered 503 and then cut off when they trickle a body after REQUEST_TIMEOUT', async () => {
    const head =
      'POST /api/v1/probes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${TRICKLED_BYTES}\r\n\r\n`;
    const outcome = await trickle(port, head);
    expect(outcome.firstLine).toBe('HTTP/1.1 503 Service Unavailable');
    expect(outcome.closedEarly).toBe(true);
  });

  it('are answered 408 and cut off when their headers never end', async () => {
    const outcome = await trickle(port, 'GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    expect(outcome.firstLine).toBe('HTTP/1.1 408 Request Timeout');
    expect(outcome.closedEarly).toBe(true);
  });

  it('keep a well-behaved keep-alive connection for several requests', async () => {
    const responses = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      let received = '';
      const request = 'GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
        const answered = received.split('HTTP/1.1 200').length - 1;
        if (answered === 3) {
          socket.destroy();
          resolve(received);
        } else if (answered > 0 && received.endsWith('}')) {
          socket.write(request);
        }
      });
      socket.once('connect', () => socket.write(request));
    });
    expect(responses.split('HTTP/1.1 200')).toHaveLength(4);
  });
});
