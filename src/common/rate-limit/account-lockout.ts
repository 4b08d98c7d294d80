import { Injectable } from '@nestjs/common';
import { InjectThrottlerStorage } from '@nestjs/throttler';
import { AppConfig } from '../../config/app-config';
import { AccountLockedError } from './account-locked.error';
import { KeyedBudget, keyOfTyped } from './keyed-budget';
import type { RateLimitStorage } from './rate-limit-storage';

/**
 * What a failure budget is for: sign-in by email or by username (as typed), or the current
 * password of a sensitive action (by user id).
 */
export type LockoutScope = 'sign-in-email' | 'sign-in-username' | 'current-password';

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
  private readonly failures: KeyedBudget;

  constructor(@InjectThrottlerStorage() storage: RateLimitStorage, config: AppConfig) {
    this.failures = new KeyedBudget(storage, 'account', config.rateLimitWindow, config.rateLimitAccountMax);
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
    const key = keyOfTyped(`account:${scope}`, account);
    const refused = await this.failures.count(key);
    if (refused) {
      throw new AccountLockedError(refused);
    }
    const result = await check();
    if (succeeded(result)) {
      await this.failures.reset(key);
    }
    return result;
  }
}
