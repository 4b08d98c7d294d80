import type { RedisClient } from '../redis/redis.module';
import { REDIS_COMMAND_TIMEOUT_MS } from '../redis/redis.module';
import { RedisThrottlerStorage } from './redis-throttler.storage';

function storageWith(evalResult: () => Promise<unknown>): RedisThrottlerStorage {
  return new RedisThrottlerStorage({ eval: evalResult } as unknown as RedisClient, 'test');
}

describe(RedisThrottlerStorage.name, () => {
  it('counts hits and blocks over the limit, with the exact time left', async () => {
    const storage = storageWith(() => Promise.resolve([3, 1500]));
    await expect(storage.increment('default:client', 60_000, 2)).resolves.toEqual({
      totalHits: 3,
      timeToExpire: 2,
      isBlocked: true,
      timeToBlockExpire: 2,
      timeToExpireMs: 1500,
    });
  });

  it('fails open when Redis refuses the command', async () => {
    const storage = storageWith(() => Promise.reject(new Error('The client is closed')));
    await expect(storage.increment('default:client', 60_000, 2)).resolves.toMatchObject({ isBlocked: false });
  });

  it('fails open once the command timeout passes when a frozen Redis never answers', async () => {
    jest.useFakeTimers();
    try {
      const storage = storageWith(() => new Promise(() => undefined));
      let answer: unknown;
      void storage.increment('default:client', 60_000, 2).then((record) => (answer = record));
      await jest.advanceTimersByTimeAsync(REDIS_COMMAND_TIMEOUT_MS - 1);
      expect(answer).toBeUndefined();
      await jest.advanceTimersByTimeAsync(1);
      expect(answer).toMatchObject({ isBlocked: false });
    } finally {
      jest.useRealTimers();
    }
  });

  it('deletes the namespaced key on reset, and shrugs off a Redis that refuses', async () => {
    const del = jest.fn().mockResolvedValue(1);
    await new RedisThrottlerStorage({ del } as unknown as RedisClient, 'test').reset('account:x');
    expect(del).toHaveBeenCalledWith('test:rate:account:x');
    const failing = new RedisThrottlerStorage(
      { del: () => Promise.reject(new Error('The client is closed')) } as unknown as RedisClient,
      'test',
    );
    await expect(failing.reset('account:x')).resolves.toBeUndefined();
  });
});
