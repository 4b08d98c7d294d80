import { uniqueName } from './support/accounts';
import { freePort, startBuiltApp, stopAll, waitUntilReady } from './support/built-app';
import type { Run } from './support/built-app';
import { useTestSmtp } from './support/smtp-for-tests';
import { createTestDatabase, dropTestDatabase } from './support/test-database';

const PASSWORD = 'a sturdy passphrase 42';
const VERIFY_SUBJECT = /confirm your email/i;

/**
 * The verification mail of a registration that committed is never lost and never doubled: not
 * when the mail server is down, not when the process is killed before the mail went out, not
 * when several instances share the queue. Real processes (the built app), one database, a real
 * SMTP server.
 */
describe('Account mail across outages, kill -9 and instances', () => {
  const smtp = useTestSmtp();
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });

  afterAll(async () => {
    await stopAll();
    await dropTestDatabase(databaseUrl);
  });

  async function start(): Promise<{ origin: string; run: Run }> {
    const port = await freePort();
    const run = startBuiltApp({
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'account-mail-test-secret-that-is-long-enough-0123456789',
      SMTP_URL: smtp.server.url,
      RATE_LIMIT_AUTH_MAX: '100000',
    });
    await waitUntilReady(port, run);
    return { origin: `http://127.0.0.1:${port}`, run };
  }

  async function register(origin: string): Promise<string> {
    const username = uniqueName();
    const email = `${username}@example.test`;
    const res = await fetch(`${origin}/api/v1/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, username, password: PASSWORD }),
    });
    expect(res.status).toBe(201);
    return email;
  }

  async function until(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting until ${what}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('sends the mail of a registration made while the mail server was down, after a kill -9 and a restart, once', async () => {
    await smtp.server.stop();
    const first = await start();
    const email = await register(first.origin);
    // The mail's first try has failed against the stopped server: it waits for its retry.
    await until(
      'the first try failed',
      () => /Job mail\.send \S+ failed \(try 1\b/.test(first.run.output()),
      30_000,
    );
    first.run.child.kill('SIGKILL');
    await first.run.exited;

    await smtp.server.start();
    await start();
    await smtp.server.waitForMail({ to: email, subject: VERIFY_SUBJECT }, 90_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(smtp.server.mailFor({ to: email })).toHaveLength(1);
  }, 150_000);

  it('sends each registration its mail exactly once with two instances sharing the queue', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const emails = await Promise.all([a, b, a, b, a, b].map((instance) => register(instance.origin)));
    for (const email of emails) {
      await smtp.server.waitForMail({ to: email, subject: VERIFY_SUBJECT }, 30_000);
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    for (const email of emails) {
      expect(smtp.server.mailFor({ to: email })).toHaveLength(1);
    }
  }, 90_000);
});
