import { DataSource } from 'typeorm';
import { Database } from '../../src/database/database';
import type { TokenPurpose } from '../../src/modules/accounts/one-time-token.entity';
import { OneTimeTokens } from '../../src/modules/accounts/one-time-tokens.service';
import { PasswordHasher } from '../../src/modules/users/password-hasher';
import { UsersRepository } from '../../src/modules/users/users.repository';
import type { TestAccount } from './accounts';
import { uniqueName } from './accounts';
import type { TestApp } from './test-app';

/**
 * Test shortcuts around the account flows, for tests about what comes after a mail: an account
 * made straight in the database, a link's token issued as the mail job would, and a verified
 * address set by SQL. Tests of the flows themselves go through the API and the mails.
 */

/** Marks the user's address verified by SQL, as following the mailed link would. */
export async function verifyEmailInDatabase(t: TestApp, userId: string): Promise<void> {
  await t.app.get(DataSource).query('UPDATE users SET email_verified_at = now() WHERE id = $1', [userId]);
}

/** An account inserted straight into the database, unverified unless `verified`; not signed in. */
export async function insertAccount(
  t: TestApp,
  options: { verified?: boolean; password?: string } = {},
): Promise<Omit<TestAccount, 'accessToken' | 'refreshToken'>> {
  const username = uniqueName();
  const email = `${username}@example.test`;
  const password = options.password ?? 'a sturdy passphrase 42';
  const passwordHash = await t.app.get(PasswordHasher).hash(password);
  const user = await t.app.get(UsersRepository).insert(t.app.get(Database).pool, {
    email,
    username,
    passwordHash,
    emailVerifiedAt: options.verified ? new Date() : null,
  });
  return { id: user.id, email, username, password };
}

/** A link's token for the user, issued as the job mailing it would (the user's current version). */
export async function issueLinkToken(
  t: TestApp,
  user: { id: string; email: string },
  purpose: TokenPurpose,
  options: { email?: string; ttlSeconds?: number } = {},
): Promise<string> {
  const [{ token_version: tokenVersion }] = await t.app
    .get(DataSource)
    .query<{ token_version: number }[]>('SELECT token_version FROM users WHERE id = $1', [user.id]);
  return t.app.get(Database).transaction((tx) =>
    t.app.get(OneTimeTokens).issue(tx, {
      userId: user.id,
      purpose,
      email: options.email ?? user.email,
      tokenVersion,
      ttlSeconds: options.ttlSeconds ?? 3600,
    }),
  );
}

/** Moves every token of the user past its expiry. */
export async function expireLinkTokens(t: TestApp, userId: string): Promise<void> {
  await t.app
    .get(DataSource)
    .query(`UPDATE one_time_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [
      userId,
    ]);
}
