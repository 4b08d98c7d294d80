import type { ExecutionContext } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import { BlockedClients } from './blocked-clients';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { RateLimitGuard } from './rate-limit.guard';
import type { RateLimitStorage } from './rate-limit-storage';

interface FakeRequest {
  ip: string;
  strict: boolean;
}

function makeCall(req: FakeRequest) {
  const headers = new Map<string, string | number>();
  const res = {
    setHeader: (name: string, value: string | number) => headers.set(name, value),
    getHeader: (name: string) => headers.get(name),
  };
  const context = {
    switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }),
  } as unknown as ExecutionContext;
  return { context, headers };
}

const isStrict = (context: ExecutionContext) => context.switchToHttp().getRequest<FakeRequest>().strict;

const OPTIONS: ThrottlerModuleOptions = {
  throttlers: [
    { name: 'default', ttl: 60_000, limit: 3 },
    { name: 'auth', ttl: 60_000, limit: 1, skipIf: (context) => !isStrict(context) },
  ],
  getTracker: (req: Record<string, unknown>) => req.ip as string,
  generateKey: (_context, tracker, name) => `${name}:${tracker}`,
  errorMessage: 'Too many requests',
};

/** Counters that answer only asynchronously, as a shared store (Redis) does. */
function asynchronousStorage(): RateLimitStorage {
  const counters = new MemoryThrottlerStorage();
  return {
    increment: (key, ttl, limit) => counters.increment(key, ttl, limit),
    reset: (key) => counters.reset(key),
  };
}

describe.each([
  ['in-process counters', () => new MemoryThrottlerStorage()],
  ['a store that answers asynchronously', asynchronousStorage],
])(`${RateLimitGuard.name} with %s`, (_kind, makeStorage) => {
  let blocked: BlockedClients;
  let guard: RateLimitGuard;
  /** The guard's answer as a promise, whether it came synchronously or not. */
  const activate = async (context: ExecutionContext): Promise<boolean> => guard.canActivate(context);

  beforeEach(() => {
    blocked = new BlockedClients();
    guard = new RateLimitGuard(OPTIONS, makeStorage(), blocked);
  });

  it("writes the headers of the budget closest to running out, and every counted budget's policy", async () => {
    const { context, headers } = makeCall({ ip: 'a', strict: true });
    await expect(activate(context)).resolves.toBe(true);
    expect(Object.fromEntries(headers)).toEqual({
      'RateLimit-Policy': '"default";q=3;w=60, "auth";q=1;w=60',
      'X-RateLimit-Resource': 'auth',
      'X-RateLimit-Limit': 1,
      'X-RateLimit-Remaining': 0,
      'X-RateLimit-Reset': 60,
    });
  });

  it('leaves out a budget whose skipIf says so', async () => {
    const { context, headers } = makeCall({ ip: 'a', strict: false });
    await activate(context);
    expect(headers.get('RateLimit-Policy')).toBe('"default";q=3;w=60');
    expect(headers.get('X-RateLimit-Remaining')).toBe(2);
  });

  it('refuses a client past the default budget with Retry-After, and blocks it for the early refusal', async () => {
    for (let i = 0; i < 3; i += 1) {
      await activate(makeCall({ ip: 'a', strict: false }).context);
    }
    const { context, headers } = makeCall({ ip: 'a', strict: false });
    await expect(activate(context)).rejects.toEqual(new ThrottlerException('Too many requests'));
    expect(headers.get('Retry-After')).toBe(60);
    expect(headers.get('X-RateLimit-Resource')).toBe('default');
    expect(blocked.blockedFor('a')).toBeGreaterThan(0);
    expect(blocked.blockedFor('b')).toBe(0);
  });

  it('refuses past the strict budget without blocking the client everywhere', async () => {
    await activate(makeCall({ ip: 'a', strict: true }).context);
    const { context, headers } = makeCall({ ip: 'a', strict: true });
    await expect(activate(context)).rejects.toBeInstanceOf(ThrottlerException);
    expect(headers.get('X-RateLimit-Resource')).toBe('auth');
    expect(blocked.blockedFor('a')).toBe(0);
  });
});

describe(RateLimitGuard.name, () => {
  it('counts in in-process counters without a promise, and in a shared store with one', () => {
    const call = () => makeCall({ ip: 'a', strict: true }).context;
    const local = new RateLimitGuard(OPTIONS, new MemoryThrottlerStorage(), new BlockedClients());
    expect(local.canActivate(call())).toBe(true);
    expect(() => local.canActivate(call())).toThrow(ThrottlerException);

    const shared = new RateLimitGuard(OPTIONS, asynchronousStorage(), new BlockedClients());
    expect(shared.canActivate(call())).toBeInstanceOf(Promise);
  });
});
