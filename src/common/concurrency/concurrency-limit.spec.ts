import { ConcurrencyLimit, QueueFullError, TaskAbortedError } from './concurrency-limit';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe(ConcurrencyLimit.name, () => {
  it('runs at most `limit` tasks at once and the rest in order', async () => {
    const limit = new ConcurrencyLimit(2);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, index) =>
      limit.run(async () => {
        started.push(index);
        await gate.promise;
        return index;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    gates[0].resolve();
    await expect(runs[0]).resolves.toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    gates[1].resolve();
    gates[2].resolve();
    await expect(Promise.all(runs)).resolves.toEqual([0, 1, 2]);
  });

  it('frees the slot when a task fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});

describe(`${ConcurrencyLimit.name} with a bounded queue`, () => {
  it('refuses a task at once when the running places and the queue are full', async () => {
    const limit = new ConcurrencyLimit(1, 1);
    const gate = deferred();
    const running = limit.run(() => gate.promise);
    const queued = limit.run(() => Promise.resolve('queued'));
    await expect(limit.run(() => Promise.resolve('refused'))).rejects.toBeInstanceOf(QueueFullError);
    gate.resolve();
    await running;
    await expect(queued).resolves.toBe('queued');
    // The queue drained: there is room again.
    await expect(limit.run(() => Promise.resolve('later'))).resolves.toBe('later');
  });

  it('takes a waiting task out of the queue, unrun, when its signal aborts', async () => {
    const limit = new ConcurrencyLimit(1, 1);
    const gate = deferred();
    const running = limit.run(() => gate.promise);
    const client = new AbortController();
    const task = jest.fn(() => Promise.resolve('hashed'));
    const abandoned = limit.run(task, client.signal);
    client.abort();
    await expect(abandoned).rejects.toBeInstanceOf(TaskAbortedError);
    // Its place in the queue is free at once, while the first task still runs.
    const next = limit.run(() => Promise.resolve('next'));
    gate.resolve();
    await running;
    await expect(next).resolves.toBe('next');
    expect(task).not.toHaveBeenCalled();
  });

  it('does not run a task whose signal aborted by the time its place came', async () => {
    // A signal that turns aborted without telling anyone: only the check when the place comes sees it.
    const signal = { aborted: false, addEventListener() {}, removeEventListener() {} };
    const limit = new ConcurrencyLimit(1, 2);
    const gate = deferred();
    const task = jest.fn(() => Promise.resolve('hashed'));
    const running = limit.run(async () => {
      await gate.promise;
      signal.aborted = true;
    });
    const abandoned = limit.run(task, signal as unknown as AbortSignal);
    const after = limit.run(() => Promise.resolve('after'));
    gate.resolve();
    await running;
    await expect(abandoned).rejects.toBeInstanceOf(TaskAbortedError);
    await expect(after).resolves.toBe('after');
    expect(task).not.toHaveBeenCalled();
  });

  it('refuses a task whose signal already aborted', async () => {
    const task = jest.fn(() => Promise.resolve('hashed'));
    await expect(new ConcurrencyLimit(1, 1).run(task, AbortSignal.abort())).rejects.toBeInstanceOf(
      TaskAbortedError,
    );
    expect(task).not.toHaveBeenCalled();
  });
});
