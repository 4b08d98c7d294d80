import { pgBossQueueOptions, QUEUE_DEFAULTS, resolveQueueOptions } from './queue-settings';

describe(resolveQueueOptions.name, () => {
  it('fills in the defaults: ten retries, backoff from five seconds up to an hour, five minutes a try', () => {
    expect(resolveQueueOptions({ name: 'mail.send' })).toEqual({
      name: 'mail.send',
      retryLimit: QUEUE_DEFAULTS.retryLimit,
      retryDelaySeconds: QUEUE_DEFAULTS.retryDelaySeconds,
      maxRetryDelaySeconds: QUEUE_DEFAULTS.maxRetryDelaySeconds,
      expireInSeconds: QUEUE_DEFAULTS.expireInSeconds,
      schedule: undefined,
    });
    expect(QUEUE_DEFAULTS).toEqual({
      retryLimit: 10,
      retryDelaySeconds: 5,
      maxRetryDelaySeconds: 3600,
      expireInSeconds: 300,
    });
  });

  it('keeps what the queue says, zero retries included', () => {
    expect(
      resolveQueueOptions({
        name: 'a.b',
        retryLimit: 0,
        retryDelaySeconds: 2,
        maxRetryDelaySeconds: 7,
        schedule: '* * * * *',
      }),
    ).toMatchObject({
      retryLimit: 0,
      retryDelaySeconds: 2,
      maxRetryDelaySeconds: 7,
      schedule: '* * * * *',
    });
  });

  it.each(['', 'Mail.Send', 'mail send', 'mail:send', 'x.dead'])('refuses the name %j', (name) => {
    expect(() => resolveQueueOptions({ name })).toThrow(/@JobQueue name .* is not valid/);
  });

  it.each([
    [{ retryLimit: -1 }, 'retryLimit must be an integer of at least 0'],
    [{ retryDelaySeconds: 0 }, 'retryDelaySeconds must be an integer of at least 1'],
    [{ maxRetryDelaySeconds: 0 }, 'maxRetryDelaySeconds must be an integer of at least 1'],
    [{ expireInSeconds: 1.5 }, 'expireInSeconds must be an integer of at least 1'],
  ])('refuses %j, naming the queue', (options, message) => {
    expect(() => resolveQueueOptions({ name: 'a.b', ...options })).toThrow(`@JobQueue "a.b": ${message}`);
  });
});

describe(pgBossQueueOptions.name, () => {
  it('asks pg-boss for exponential backoff, a <name>.dead queue and wake-ups on commit', () => {
    expect(pgBossQueueOptions(resolveQueueOptions({ name: 'mail.send' }))).toEqual({
      retryLimit: 10,
      retryDelay: 5,
      retryBackoff: true,
      retryDelayMax: 3600,
      expireInSeconds: 300,
      deadLetter: 'mail.send.dead',
      notify: true,
    });
    expect(pgBossQueueOptions(resolveQueueOptions({ name: 'a.b', maxRetryDelaySeconds: 60 }))).toMatchObject({
      retryDelayMax: 60,
    });
  });
});
