import { MemoryThrottlerStorage } from './memory-throttler.storage';

describe(MemoryThrottlerStorage.name, () => {
  afterEach(() => jest.useRealTimers());

  it('counts hits in a window and blocks past the limit', async () => {
    const storage = new MemoryThrottlerStorage();
    await storage.increment('default:1.2.3.4', 60_000, 2);
    await storage.increment('default:1.2.3.4', 60_000, 2);
    await expect(storage.increment('default:1.2.3.4', 60_000, 2)).resolves.toMatchObject({
      totalHits: 3,
      isBlocked: true,
      timeToBlockExpire: 60,
    });
  });

  it('reports the exact time left as well as the whole seconds', async () => {
    jest.useFakeTimers({ now: 0 });
    const storage = new MemoryThrottlerStorage();
    await storage.increment('default:a', 1_500, 1);
    jest.setSystemTime(200);
    await expect(storage.increment('default:a', 1_500, 1)).resolves.toMatchObject({
      timeToBlockExpire: 2,
      timeToExpireMs: 1_300,
    });
  });

  it('keeps clients apart', async () => {
    const storage = new MemoryThrottlerStorage();
    await storage.increment('default:a', 60_000, 1);
    await expect(storage.increment('default:b', 60_000, 1)).resolves.toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('starts a new window once the old one ends', async () => {
    jest.useFakeTimers({ now: 0 });
    const storage = new MemoryThrottlerStorage();
    await storage.increment('default:a', 1_000, 1);
    await storage.increment('default:a', 1_000, 1);
    jest.setSystemTime(1_000);
    await expect(storage.increment('default:a', 1_000, 1)).resolves.toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('forgets a counter on reset', async () => {
    const storage = new MemoryThrottlerStorage();
    await storage.increment('account:a', 60_000, 1);
    await storage.reset('account:a');
    await expect(storage.increment('account:a', 60_000, 1)).resolves.toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });
});
