import { EventEmitter } from 'node:events';
import { availableParallelism } from 'node:os';
import type { NextFunction, Request, Response } from 'express';
import { ConcurrencyLimit, QueueFullError } from '../../common/concurrency/concurrency-limit';
import { ClientGoneError, ServiceSaturatedError } from '../../common/errors/app-error';
import { trackClient } from '../../common/http/client-signal';
import type { AppConfig } from '../../config/app-config';
import { PasswordHasher } from './password-hasher';

const makeHasher = () =>
  new PasswordHasher({
    argon2MemoryKib: 19456,
    argon2TimeCost: 2,
    argon2Parallelism: 1,
    argon2MaxQueue: 1,
  } as AppConfig);

/** Runs `work` as a handler of a request whose connection the returned emitter can close. */
function inRequest<T>(work: () => Promise<T>): { result: Promise<T>; res: EventEmitter } {
  const res = Object.assign(new EventEmitter(), { closed: false, writableFinished: false });
  const result = new Promise<T>((resolve, reject) => {
    const next: NextFunction = () => {
      work().then(resolve, reject);
    };
    trackClient({} as Request, res as unknown as Response, next);
  });
  return { result, res };
}

describe(PasswordHasher.name, () => {
  afterEach(() => jest.restoreAllMocks());

  it('answers a full queue with 503 SERVICE_UNAVAILABLE and a Retry-After', async () => {
    jest.spyOn(ConcurrencyLimit.prototype, 'run').mockRejectedValue(new QueueFullError());
    const refused = makeHasher().verify('$argon2id$whatever', 'password');
    await expect(refused).rejects.toBeInstanceOf(ServiceSaturatedError);
    await expect(refused).rejects.toMatchObject({ status: 503, retryAfterSeconds: 1 });
  });

  it("hands the queue the request's signal, and never hashes once the client is gone", async () => {
    let gate!: () => void;
    const blocker = new Promise<void>((resolve) => (gate = resolve));
    const run = jest.spyOn(ConcurrencyLimit.prototype, 'run');
    const hasher = makeHasher();
    // Every place taken by work we control, so the request's hash has to wait in the queue.
    const places = Array.from({ length: availableParallelism() }, () =>
      (hasher as unknown as { limit: ConcurrencyLimit }).limit.run(() => blocker),
    );
    const { result, res } = inRequest(() => hasher.hash('a sturdy passphrase 42'));
    await new Promise((resolve) => setImmediate(resolve));
    const signal = run.mock.calls.at(-1)?.[1];
    expect(signal?.aborted).toBe(false);
    res.emit('close');
    await expect(result).rejects.toBeInstanceOf(ClientGoneError);
    gate();
    await Promise.allSettled(places);
  });
});
