import type { ThrowawayRedis } from './fault-servers';
import { hasRedisServer, startThrowawayRedis } from './fault-servers';

/**
 * A Redis for the tests that need one. REDIS_URL when it is set (the CI pass on the machine's
 * servers; every app still gets a key prefix of its own), otherwise a throwaway `redis-server` of
 * the test file's own on a free port. With neither, those tests are reported as skipped, with the
 * reason in their name: never silently absent from the run.
 */

/**
 * Why this machine cannot run the Redis tests, or null when it can. Decided once per test file.
 * Only a developer's machine may lack Redis: in CI (`CI` set) a missing one fails the run instead,
 * so no Redis test is ever skipped there.
 */
export const NO_REDIS_REASON: string | null = redisUnavailableReason(
  'skipped: REDIS_URL is unset and there is no redis-server on PATH',
);

/** `reason` when neither REDIS_URL nor a redis-server is there (an error in CI), else null. */
export function redisUnavailableReason(reason: string, acceptRedisUrl = true): string | null {
  if ((acceptRedisUrl && process.env.REDIS_URL) || hasRedisServer()) {
    return null;
  }
  if (process.env.CI) {
    throw new Error(`CI runs every Redis test, but this machine has none: ${reason}`);
  }
  return reason;
}

export interface TestRedis {
  /** The server's URL; read it in a hook or a test, once the server has started. */
  readonly url: string;
}

/**
 * Registers hooks in the enclosing `describe` that start a throwaway server before its tests and
 * stop it after them (nothing to start or stop with REDIS_URL). Call only where Redis is available:
 * `describeWithRedis` and `itWithRedis` decide that.
 */
export function useTestRedis(): TestRedis {
  let server: ThrowawayRedis | undefined;
  let url = process.env.REDIS_URL ?? '';
  beforeAll(async () => {
    if (!url && NO_REDIS_REASON === null) {
      server = await startThrowawayRedis();
      url = server.url;
    }
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    get url() {
      if (!url) {
        throw new Error('no Redis for this test: use describeWithRedis or itWithRedis');
      }
      return url;
    },
  };
}

/** `describe` with a Redis for its tests, or `describe.skip` saying why there is none. */
export function describeWithRedis(name: string, body: (redis: TestRedis) => void): void {
  if (NO_REDIS_REASON !== null) {
    describe.skip(`${name} (${NO_REDIS_REASON})`, () => body({ url: '' }));
    return;
  }
  describe(name, () => body(useTestRedis()));
}

/** `it` for a test that needs the Redis of the enclosing `useTestRedis`, or `it.skip` saying why. */
export function itWithRedis(name: string, test: () => Promise<void>, timeout?: number): void {
  if (NO_REDIS_REASON !== null) {
    it.skip(`${name} (${NO_REDIS_REASON})`, test);
    return;
  }
  it(name, test, timeout);
}
