import { freePort, startBuiltApp, stopAll, waitUntilReady } from '../support/built-app';
import { uniqueName } from '../support/accounts';
import { createTestDatabase, dropTestDatabase } from '../support/test-database';

const ACCOUNTS = 12;
const PASSWORD = 'a sturdy passphrase 42';

/** A write the app acknowledged is committed: a SIGKILL right after the 2xx loses none of them. */
describe('Durability across kill -9', () => {
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });

  afterAll(async () => {
    await stopAll();
    await dropTestDatabase(databaseUrl);
  });

  async function start(): Promise<{ origin: string; run: ReturnType<typeof startBuiltApp> }> {
    const port = await freePort();
    const run = startBuiltApp({
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'durability-test-secret-that-is-long-enough-0123456789',
      // Registers and signs in over HTTP; following the mailed link is the account-flow tests' subject.
      AUTH_REQUIRE_VERIFIED_EMAIL: 'false',
      RATE_LIMIT_MAX: '100000',
      RATE_LIMIT_AUTH_MAX: '100000',
    });
    await waitUntilReady(port, run);
    return { origin: `http://127.0.0.1:${port}`, run };
  }

  const post = (origin: string, path: string, body: object) =>
    fetch(`${origin}/api/v1${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('keeps every account that was answered 201, then signs each in after a restart', async () => {
    const first = await start();
    const emails = Array.from({ length: ACCOUNTS }, () => `${uniqueName('durable')}@example.test`);
    // Concurrently, and killed the moment the last answer arrives: nothing gets time to settle.
    const statuses = await Promise.all(
      emails.map(async (email) => {
        const res = await post(first.origin, '/users', {
          email,
          username: email.split('@')[0],
          password: PASSWORD,
        });
        return res.status;
      }),
    );
    first.run.child.kill('SIGKILL');
    await first.run.exited;
    expect(statuses).toEqual(emails.map(() => 201));

    const second = await start();
    const logins = await Promise.all(
      emails.map(
        async (email) => (await post(second.origin, '/auth/login', { email, password: PASSWORD })).status,
      ),
    );
    expect(logins).toEqual(emails.map(() => 200));
  });
});
