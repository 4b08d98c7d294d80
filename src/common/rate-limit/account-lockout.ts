import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectThrottlerStorage } from '@nestjs/throttler';
import { AppConfig } from '../../config/app-config';
import { AccountLockedError } from './account-locked.error';
import type { RateLimitStorage } from './rate-limit-storage';

/**
 * What a failure budget is for: sign-in by email or by username (as typed), or the current
 * password of a sensitive action (by user id).
 */
export type LockoutScope = 'sign-in-email' | 'sign-in-username' | 'current-password';

/** Lower-cased and trimmed, so `Ada@Example.com ` and `ada@example.com` are one account. */
export function normalizeAccount(account: string): string {
  return account.trim().toLowerCase();
}

/**
 * Failed password checks counted per account, beside the per-client budgets and in the same
 * storage (Redis when configured, shared by every instance; in-process otherwise). An attempt is
 * counted before the password is checked and the count cleared when it was right, so what stays
 * counted is failures, and concurrent guesses cannot all slip past the check before any of them
 * is counted. Once RATE_LIMIT_ACCOUNT_MAX failures are counted in the window, every attempt for
 * the account is refused unchecked until the window ends (the right password too: otherwise the
 * refusal would tell a guesser which guess was right). Accounts are keyed by a hash of what the
 * caller typed, known or not, so the lock-out says nothing about which accounts exist.
 */
@Injectable()
export class AccountLockout {
  private readonly ttlMs: number;
  private readonly limit: number;

  constructor(
    @InjectThrottlerStorage() private readonly storage: RateLimitStorage,
    config: AppConfig,
  ) {
    this.ttlMs = config.rateLimitWindow * 1000;
    this.limit = config.rateLimitAccountMax;
  }

  /**
   * Runs `check` (a password verification) unless the account is locked out; `succeeded` says
   * whether its result was the right password. Throws AccountLockedError (a 429) when locked.
   */
  async attempt<T>(
    scope: LockoutScope,
    account: string,
    check: () => Promise<T>,
    succeeded: (result: T) => boolean,
  ): Promise<T> {
    const digest = createHash('sha256').update(normalizeAccount(account)).digest('base64url');
    const key = `account:${scope}:${digest}`;
    const record = await this.storage.increment(key, this.ttlMs, this.limit, this.ttlMs, 'account');
    if (record.isBlocked) {
      throw new AccountLockedError({
        name: 'account',
        limit: this.limit,
        remaining: 0,
        resetSeconds: record.timeToBlockExpire,
        windowSeconds: Math.ceil(this.ttlMs / 1000),
      });
    }
    const result = await check();
    if (succeeded(result)) {
      await this.storage.reset(key);
    }
    return result;
  }
}
