import { availableParallelism } from 'node:os';
import { ConcurrencyLimit, QueueFullError } from '../../common/concurrency/concurrency-limit';
import { ClientGoneError, ServiceSaturatedError } from '../../common/errors/app-error';
import type { AppConfig } from '../../config/app-config';
import { PasswordHasher } from './password-hasher';

const makeHasher = () =>
  new PasswordHasher({
    argon2MemoryKib: 19456,
    argon2TimeCost: 2,
    argon2Parallelism: 1,
    argon2MaxQueue: 1,
  } as AppConfig);

describe(PasswordHasher.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers a full queue with 503 SERVICE_UNAVAILABLE and a Retry-After', async () => {
    jest.spyOn(ConcurrencyLimit.prototype, 'run').mockRejectedValue(new QueueFullError());
    const refused = makeHasher().verify('$argon2id$whatever', 'password');
    await expect(refused).rejects.toBeInstanceOf(ServiceSaturatedError);
    await expect(refused).rejects.toMatchObject({ status: 503, retryAfterSeconds: 1 });
  });

  it('never hashes for a client that went away while the hash waited for a core', async () => {
    let gate!: () => void;
    const blocker = new Promise<void>((resolve) => (gate = resolve));
    const hasher = makeHasher();
    // Every place taken by work we control, so the request's hash has to wait in the queue.
    const places = Array.from({ length: availableParallelism() }, () =>
      (hasher as unknown as { limit: ConcurrencyLimit }).limit.run(() => blocker),
    );
    const client = new AbortController();
    const result = hasher.hash('a sturdy passphrase 42', client.signal);
    client.abort();
    await expect(result).rejects.toBeInstanceOf(ClientGoneError);
    gate();
    await Promise.allSettled(places);
  });
});
