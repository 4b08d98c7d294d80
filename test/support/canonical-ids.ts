import type { TestAccount } from './accounts';
import { ADMIN_ENV, signInAdmin } from './accounts';
import { describeWithRedis } from './redis-for-tests';
import { startSharedTestApps } from './shared-test-apps';
import type { TestApp } from './test-app';
import { startTestApp } from './test-app';

/**
 * Ids are UUIDs, canonical in lower case: an id in any letter case names the same resource and
 * behaves identically everywhere. The canonical-id tests spell one id several ways and run twice:
 * on one app with the in-process cache, and on two instances sharing Redis.
 */

export type Spelling = (id: string) => string;

export const SPELLINGS: Record<string, Spelling> = {
  lower: (id) => id.toLowerCase(),
  upper: (id) => id.toUpperCase(),
  mixed: (id) =>
    [...id].map((char, index) => (index % 2 === 0 ? char.toUpperCase() : char.toLowerCase())).join(''),
};

/** Where reads go and where writes go (the same app in-process), and an admin signed in on the writer. */
export interface CanonicalIdApps {
  reader: TestApp;
  writer: TestApp;
  admin: TestAccount;
}

/**
 * Runs `tests` once per cache setup; `apps` is filled in before the first test of each. Redis comes
 * from REDIS_URL's server, or a redis-server of our own.
 */
export function describeOnEachCache(name: string, tests: (apps: CanonicalIdApps) => void): void {
  describeOnApps(`${name} with the in-process cache`, tests, async () => {
    // Forced in-process even in the pass that provides REDIS_URL.
    const t = await startTestApp({ env: { ...ADMIN_ENV, REDIS_URL: '' } });
    return { reader: t, writer: t, close: () => t.close() };
  });
  describeWithRedis('With Redis', (redis) => {
    describeOnApps(`${name} across two instances sharing Redis`, tests, async () => {
      const {
        apps: [reader, writer],
        close,
      } = await startSharedTestApps(2, { ...ADMIN_ENV, REDIS_URL: redis.url });
      return { reader, writer, close };
    });
  });
}

function describeOnApps(
  name: string,
  tests: (apps: CanonicalIdApps) => void,
  start: () => Promise<{ reader: TestApp; writer: TestApp; close: () => Promise<void> }>,
): void {
  describe(name, () => {
    const apps = {} as CanonicalIdApps;
    let close = (): Promise<void> => Promise.resolve();

    beforeAll(async () => {
      const started = await start();
      close = started.close;
      Object.assign(apps, { reader: started.reader, writer: started.writer });
      apps.admin = await signInAdmin(started.writer);
    });

    afterAll(async () => {
      await close();
    });

    tests(apps);
  });
}
