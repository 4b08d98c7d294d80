import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';

export interface TestAccount {
  id: string;
  email: string;
  username: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

/** The admin that startup creates from ADMIN_EMAIL / ADMIN_PASSWORD: pass `ADMIN_ENV` to startTestApp. */
export const TEST_ADMIN = { email: 'admin@strata.test', password: 'admin-passphrase-for-tests' };
export const ADMIN_ENV = { ADMIN_EMAIL: TEST_ADMIN.email, ADMIN_PASSWORD: TEST_ADMIN.password };

export function uniqueName(prefix = 'user'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Tokens for an existing account, through the real login endpoint. */
export async function signIn(
  t: TestApp,
  credentials: { email: string; password: string },
): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await t.http().post('/api/v1/auth/login').send(credentials).expect(200);
  return { accessToken: res.body.data.accessToken, refreshToken: res.body.data.refreshToken };
}

/**
 * Registers a new account through the API, marks its address verified by SQL (the shortcut past
 * the mailed link, so the app keeps the product's AUTH_REQUIRE_VERIFIED_EMAIL=true) and signs it in.
 * Tests of verification itself follow the real link instead.
 */
export async function signUp(
  t: TestApp,
  overrides: Partial<Pick<TestAccount, 'email' | 'username' | 'password'>> = {},
): Promise<TestAccount> {
  const username = overrides.username ?? uniqueName();
  const email = overrides.email ?? `${username}@example.test`;
  const password = overrides.password ?? 'a sturdy passphrase 42';
  const res = await t.http().post('/api/v1/users').send({ email, username, password }).expect(201);
  await t.app
    .get(DataSource)
    .query('UPDATE users SET email_verified_at = now() WHERE id = $1', [res.body.data.id]);
  const tokens = await signIn(t, { email, password });
  return { id: res.body.data.id, email, username, password, ...tokens };
}

/** The configured admin, signed in; the app must have been started with `ADMIN_ENV`. */
export async function signInAdmin(t: TestApp): Promise<TestAccount> {
  const tokens = await signIn(t, TEST_ADMIN);
  const me = await t.http().get('/api/v1/users/me').set('Authorization', `Bearer ${tokens.accessToken}`);
  return { ...TEST_ADMIN, id: me.body.data.id, username: me.body.data.username, ...tokens };
}

export function bearer(account: { accessToken: string }): [string, string] {
  return ['Authorization', `Bearer ${account.accessToken}`];
}

/** Creates a post through the API as `author` (a published or draft "Hello world" unless `body` says otherwise). */
export async function createPost(
  t: TestApp,
  author: { accessToken: string },
  body: Record<string, unknown> = {},
): Promise<{ id: string; [field: string]: unknown }> {
  const res = await t
    .http()
    .post('/api/v1/posts')
    .set(...bearer(author))
    .send({ title: 'Hello world', content: 'Some words', ...body })
    .expect(201);
  return res.body.data as { id: string; [field: string]: unknown };
}
