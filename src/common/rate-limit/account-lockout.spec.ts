import type { AppConfig } from '../../config/app-config';
import { AccountLockedError } from './account-locked.error';
import { AccountLockout } from './account-lockout';
import { MemoryThrottlerStorage } from './memory-throttler.storage';

function makeLockout(limit = 2): AccountLockout {
  const config = { rateLimitWindow: 60, rateLimitAccountMax: limit } as AppConfig;
  return new AccountLockout(new MemoryThrottlerStorage(), config);
}

const wrong = () => Promise.resolve(false);
const right = () => Promise.resolve(true);
const isRight = (verified: boolean) => verified;

describe(AccountLockout.name, () => {
  it('refuses, without checking, once the failures of one account reach the limit', async () => {
    const lockout = makeLockout();
    await lockout.attempt('sign-in-email', 'ada@example.com', wrong, isRight);
    await lockout.attempt('sign-in-email', 'ada@example.com', wrong, isRight);
    const check = jest.fn(right);
    await expect(lockout.attempt('sign-in-email', 'ada@example.com', check, isRight)).rejects.toBeInstanceOf(
      AccountLockedError,
    );
    expect(check).not.toHaveBeenCalled();
  });

  it('reports the account budget with its time left', async () => {
    const lockout = makeLockout(1);
    await lockout.attempt('current-password', 'u1', wrong, isRight);
    const refusal = lockout.attempt('current-password', 'u1', wrong, isRight);
    await expect(refusal).rejects.toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      budget: { name: 'account', limit: 1, remaining: 0, resetSeconds: 60, windowSeconds: 60 },
    });
  });

  it('counts an account typed in another case or with spaces around it as the same one', async () => {
    const lockout = makeLockout();
    await lockout.attempt('sign-in-email', 'Ada@Example.com', wrong, isRight);
    await lockout.attempt('sign-in-email', ' ada@example.com ', wrong, isRight);
    await expect(lockout.attempt('sign-in-email', 'ADA@EXAMPLE.COM', wrong, isRight)).rejects.toBeInstanceOf(
      AccountLockedError,
    );
  });

  it('keeps accounts and scopes apart', async () => {
    const lockout = makeLockout(1);
    await lockout.attempt('sign-in-email', 'ada@example.com', wrong, isRight);
    await expect(lockout.attempt('sign-in-email', 'bob@example.com', wrong, isRight)).resolves.toBe(false);
    await expect(lockout.attempt('sign-in-username', 'ada@example.com', wrong, isRight)).resolves.toBe(false);
  });

  it('forgets the failures after a right password', async () => {
    const lockout = makeLockout();
    await lockout.attempt('sign-in-username', 'ada', wrong, isRight);
    await lockout.attempt('sign-in-username', 'ada', right, isRight);
    await lockout.attempt('sign-in-username', 'ada', wrong, isRight);
    await expect(lockout.attempt('sign-in-username', 'ada', wrong, isRight)).resolves.toBe(false);
  });

  it('lets at most the limit of concurrent guesses reach the check', async () => {
    const lockout = makeLockout(3);
    const check = jest.fn(wrong);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => lockout.attempt('sign-in-email', 'ada@example.com', check, isRight)),
    );
    expect(check).toHaveBeenCalledTimes(3);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(7);
  });
});
