import { SharedCheck } from './shared-check';

/** A check whose runs the test settles by hand, counting how many were started. */
function makeCheck() {
  const runs: Array<{ resolve: (value: string) => void; reject: (error: Error) => void }> = [];
  const check = new SharedCheck(
    () =>
      new Promise<string>((resolve, reject) => {
        runs.push({ resolve, reject });
      }),
    1_000,
  );
  return { check, runs };
}

describe(SharedCheck.name, () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('shares one run among callers that ask while it is in flight', async () => {
    const { check, runs } = makeCheck();
    const answers = Promise.all([check.get(), check.get(), check.get()]);
    expect(runs).toHaveLength(1);
    runs[0].resolve('up');
    await expect(answers).resolves.toEqual(['up', 'up', 'up']);
  });

  it('reuses a settled outcome for up to a second, then runs again', async () => {
    const { check, runs } = makeCheck();
    const first = check.get();
    runs[0].resolve('up');
    await expect(first).resolves.toBe('up');

    jest.advanceTimersByTime(999);
    await expect(check.get()).resolves.toBe('up');
    expect(runs).toHaveLength(1);

    jest.advanceTimersByTime(1);
    const next = check.get();
    expect(runs).toHaveLength(2);
    runs[1].resolve('still up');
    await expect(next).resolves.toBe('still up');
  });

  it('reuses a failure the same way, so a flood during an outage is one run per second too', async () => {
    const { check, runs } = makeCheck();
    const first = check.get();
    runs[0].reject(new Error('down'));
    await expect(first).rejects.toThrow('down');
    await expect(check.get()).rejects.toThrow('down');
    expect(runs).toHaveLength(1);

    jest.advanceTimersByTime(1_000);
    const next = check.get();
    runs[1].resolve('up');
    await expect(next).resolves.toBe('up');
  });

  it('counts the age from when the run settled, not from when it started', async () => {
    const { check, runs } = makeCheck();
    const first = check.get();
    jest.advanceTimersByTime(5_000);
    runs[0].resolve('up');
    await first;
    jest.advanceTimersByTime(500);
    await expect(check.get()).resolves.toBe('up');
    expect(runs).toHaveLength(1);
  });
});
