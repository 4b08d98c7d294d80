import fc from 'fast-check';
import type { TestAccount } from './support/accounts';
import { ADMIN_ENV, createPost, signInAdmin, signUp } from './support/accounts';
import { nastyBody, nastyId, nastyQuery } from './support/nasty-input';
import { registeredRoutes } from './support/routes';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/**
 * Bounded, so the suite stays well under a minute on a loaded machine. A failure prints its seed
 * and path; `FC_SEED=<seed> FC_PATH=<path> npx jest test/input-fuzz.e2e-spec.ts` replays exactly it.
 */
const NUM_RUNS = Number(process.env.FC_NUM_RUNS ?? 300);
const MAX_ERROR_BYTES = 16 * 1024;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Caller = 'anonymous' | 'user' | 'admin' | 'forged';

describe('Any input to any route (property test)', () => {
  let t: TestApp;
  let alice: TestAccount;
  let admin: TestAccount;
  /** The ids in the generated paths: an admin may deactivate her, and the callers keep their tokens. */
  let carol: TestAccount;
  let postId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    [alice, admin, carol] = await Promise.all([signUp(t), signInAdmin(t), signUp(t)]);
    postId = (await createPost(t, alice, { status: 'published' })).id;
  });

  afterAll(async () => {
    await t.close();
  });

  function tokenOf(caller: Caller): string | undefined {
    switch (caller) {
      case 'anonymous':
        return undefined;
      case 'user':
        return alice.accessToken;
      case 'admin':
        return admin.accessToken;
      case 'forged':
        return `${alice.accessToken.slice(0, -4)}AAAA`;
    }
  }

  it('never answers 5xx, always in the envelope, with bounded errors', async () => {
    const routes = registeredRoutes(t).filter((route) => route.path.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(10);

    const request = fc.record({
      route: fc.constantFrom(...routes),
      id: nastyId([carol.id, postId]),
      query: nastyQuery,
      body: nastyBody,
      contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain'),
      caller: fc.constantFrom<Caller>('anonymous', 'user', 'admin', 'forged'),
    });

    await fc.assert(
      fc.asyncProperty(request, async ({ route, id, query, body, contentType, caller }) => {
        const path = route.path.replace(/:\w+/g, encodeURIComponent(id));
        const url = query ? `${path}?${query}` : path;
        const test = t.http()[route.method.toLowerCase() as 'get'](url);
        const token = tokenOf(caller);
        if (token) {
          void test.set('Authorization', `Bearer ${token}`);
        }
        if (BODY_METHODS.has(route.method)) {
          void test.set('Content-Type', contentType).send(body);
        }
        // The contract check of t.http() asserts the envelope and the documented status and schema.
        const res = await test;
        const where = `${route.method} ${url.slice(0, 200)} → ${res.status}`;
        if (res.status >= 500) {
          throw new Error(`${where}: ${res.text.slice(0, 500)}`);
        }
        if (res.status >= 400 && Buffer.byteLength(res.text) >= MAX_ERROR_BYTES) {
          throw new Error(`${where}: an error of ${Buffer.byteLength(res.text)} bytes`);
        }
      }),
      {
        numRuns: NUM_RUNS,
        seed: process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED),
        path: process.env.FC_PATH,
        // Shrinking replays requests; a few hundred steps point at the culprit without taking minutes.
        endOnFailure: false,
        interruptAfterTimeLimit: 120_000,
        markInterruptAsFailure: false,
      },
    );
  }, 180_000);
});
