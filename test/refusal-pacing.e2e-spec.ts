import type { Response } from 'supertest';
import { HELD_REFUSAL_MS, PROMPT_REFUSALS, RefusalPacing } from '../src/common/rate-limit/refusal-pacing';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

const FLOODER = '203.0.113.70';
const BYSTANDER = '198.51.100.80';
/** Requests the flooder keeps sending at once after its prompt refusals: as many connections. */
const CONNECTIONS = 4;

/** Only the timers that hold a refusal run on the fake clock; I/O, Date and intervals stay real. */
const REAL = [
  'Date',
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
] as const;

const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A client that keeps flooding after its 429 is answered at a bounded rate (one answer per
 * connection per hold), with the same 429, while other clients are served as before; its first
 * refusals in the window stay immediate.
 */
describe('Pacing of a client that keeps sending after its 429', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW: '60s', TRUST_PROXY: 'true' } });
  });

  afterAll(async () => {
    jest.useRealTimers();
    await t.close();
  });

  const from = (address: string) =>
    t.http({ contract: false }).get('/health/live').set('X-Forwarded-For', address);

  it('holds its refusals past the prompt ones until the clock moves, and serves another client meanwhile', async () => {
    await from(FLOODER).expect(200);
    await from(FLOODER).expect(200);
    await from(FLOODER).expect(429); // the guard's refusal: the client is blocked from here on
    let prompt: Response | undefined;
    for (let i = 0; i < PROMPT_REFUSALS; i += 1) {
      prompt = await from(FLOODER).expect(429);
    }

    const pacing = t.app.get(RefusalPacing);
    jest.useFakeTimers({ doNotFake: [...REAL] });
    const answered: Response[] = [];
    const flood = Array.from({ length: CONNECTIONS }, () =>
      from(FLOODER).then((res) => {
        answered.push(res);
        return res;
      }),
    );
    while (pacing.held < CONNECTIONS && answered.length === 0) {
      await turn();
    }
    expect(answered).toEqual([]);
    expect(pacing.held).toBe(CONNECTIONS);

    await from(BYSTANDER).expect(200);
    expect(answered).toEqual([]);

    jest.advanceTimersByTime(HELD_REFUSAL_MS);
    const held = await Promise.all(flood);
    expect(pacing.held).toBe(0);
    for (const res of held) {
      expect(res.status).toBe(429);
      expect(res.body.error.code).toBe('RATE_LIMITED');
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
      for (const header of [
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-resource',
        'ratelimit-policy',
      ]) {
        expect(res.headers[header]).toBe(prompt?.headers[header]);
      }
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.headers['x-ratelimit-reset']).toBe(res.headers['retry-after']);
    }
  });
});
