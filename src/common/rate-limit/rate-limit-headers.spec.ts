import type { BudgetState } from './rate-limit-headers';
import { decidingBudget, writeRateLimitHeaders, writeRefusalHeaders } from './rate-limit-headers';

function makeBudget(overrides: Partial<BudgetState> = {}): BudgetState {
  return { name: 'default', limit: 300, remaining: 299, resetSeconds: 60, windowSeconds: 60, ...overrides };
}

function makeResponse(): {
  headers: Map<string, string | number>;
  setHeader: jest.Mock;
  getHeader: jest.Mock;
} {
  const headers = new Map<string, string | number>();
  return {
    headers,
    setHeader: jest.fn((name: string, value: string | number) => headers.set(name, value)),
    getHeader: jest.fn((name: string) => headers.get(name)),
  };
}

describe(decidingBudget.name, () => {
  it('picks the budget closest to running out', () => {
    const strict = makeBudget({ name: 'auth', limit: 10, remaining: 9 });
    expect(decidingBudget([makeBudget(), strict])).toBe(strict);
  });

  it('picks the smaller budget on a tie', () => {
    const strict = makeBudget({ name: 'auth', limit: 10, remaining: 5 });
    expect(decidingBudget([makeBudget({ limit: 6, remaining: 5 }), strict])?.limit).toBe(6);
  });
});

describe(writeRateLimitHeaders.name, () => {
  it('describes the deciding budget and lists every budget in the policy', () => {
    const res = makeResponse();
    writeRateLimitHeaders(res, [
      makeBudget(),
      makeBudget({ name: 'auth', limit: 10, remaining: 2, resetSeconds: 42 }),
    ]);
    expect(Object.fromEntries(res.headers)).toEqual({
      'X-RateLimit-Limit': 10,
      'X-RateLimit-Remaining': 2,
      'X-RateLimit-Reset': 42,
      'X-RateLimit-Resource': 'auth',
      'RateLimit-Policy': '"default";q=300;w=60, "auth";q=10;w=60',
    });
  });

  it('writes nothing when no budget counted the request', () => {
    const res = makeResponse();
    writeRateLimitHeaders(res, []);
    expect(res.headers.size).toBe(0);
  });
});

describe(writeRefusalHeaders.name, () => {
  it("replaces the earlier headers with the refusing budget's, adds it to the policy and sets Retry-After", () => {
    const res = makeResponse();
    writeRateLimitHeaders(res, [makeBudget()]);
    const account = makeBudget({
      name: 'account',
      limit: 3,
      remaining: 0,
      resetSeconds: 17,
      windowSeconds: 600,
    });
    writeRefusalHeaders(res, [account], account);
    expect(Object.fromEntries(res.headers)).toEqual({
      'X-RateLimit-Limit': 3,
      'X-RateLimit-Remaining': 0,
      'X-RateLimit-Reset': 17,
      'Retry-After': 17,
      'X-RateLimit-Resource': 'account',
      'RateLimit-Policy': '"default";q=300;w=60, "account";q=3;w=600',
    });
  });
});
