import type { AppConfig } from '../../config/app-config';
import { AddressLimit, AddressRateLimitedError } from './address-limit';
import { MemoryThrottlerStorage } from './memory-throttler.storage';

function makeLimit(limit = 2): AddressLimit {
  const config = { rateLimitWindow: 60, rateLimitMailMax: limit } as AppConfig;
  return new AddressLimit(new MemoryThrottlerStorage(), config);
}

describe(AddressLimit.name, () => {
  it('lets the first requests for an address through, then refuses with a 429', async () => {
    const limit = makeLimit(2);
    await limit.hit('ada@example.com');
    await limit.hit('ada@example.com');
    await expect(limit.hit('ada@example.com')).rejects.toBeInstanceOf(AddressRateLimitedError);
  });

  it('reports the address budget with its time left', async () => {
    const limit = makeLimit(1);
    await limit.hit('ada@example.com');
    await expect(limit.hit('ada@example.com')).rejects.toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      budget: { name: 'address', limit: 1, remaining: 0, resetSeconds: 60, windowSeconds: 60 },
    });
  });

  it('counts an address typed in another case or with spaces around it as the same one', async () => {
    const limit = makeLimit(2);
    await limit.hit('Ada@Example.com');
    await limit.hit(' ada@example.com ');
    await expect(limit.hit('ADA@EXAMPLE.COM')).rejects.toBeInstanceOf(AddressRateLimitedError);
  });

  it('keeps addresses apart', async () => {
    const limit = makeLimit(1);
    await limit.hit('ada@example.com');
    await expect(limit.hit('bob@example.com')).resolves.toBeUndefined();
  });
});
