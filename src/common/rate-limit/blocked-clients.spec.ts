import { BlockedClients } from './blocked-clients';

describe(BlockedClients.name, () => {
  afterEach(() => jest.useRealTimers());

  it('blocks a client until the given time, then forgets it', () => {
    jest.useFakeTimers({ now: 1_000 });
    const blocked = new BlockedClients();
    blocked.block('203.0.113.7', 3_500);
    expect(blocked.blockedFor('203.0.113.7')).toBe(2_500);
    jest.setSystemTime(3_499);
    expect(blocked.blockedFor('203.0.113.7')).toBe(1);
    jest.setSystemTime(3_500);
    expect(blocked.blockedFor('203.0.113.7')).toBe(0);
    expect(blocked.size).toBe(0);
  });

  it('keeps clients apart', () => {
    jest.useFakeTimers({ now: 0 });
    const blocked = new BlockedClients();
    blocked.block('203.0.113.7', 60_000);
    expect(blocked.blockedFor('198.51.100.1')).toBe(0);
  });

  it('evicts the oldest entry past its bound', () => {
    jest.useFakeTimers({ now: 0 });
    const blocked = new BlockedClients(2);
    blocked.block('a', 60_000);
    blocked.block('b', 60_000);
    blocked.block('c', 60_000);
    expect(blocked.size).toBe(2);
    expect(blocked.blockedFor('a')).toBe(0);
    expect(blocked.blockedFor('b')).toBe(60_000);
    expect(blocked.blockedFor('c')).toBe(60_000);
  });

  it('counts a client blocked again as the newest', () => {
    jest.useFakeTimers({ now: 0 });
    const blocked = new BlockedClients(2);
    blocked.block('a', 60_000);
    blocked.block('b', 60_000);
    blocked.block('a', 61_000);
    blocked.block('c', 60_000);
    expect(blocked.blockedFor('a')).toBe(61_000);
    expect(blocked.blockedFor('b')).toBe(0);
  });
});

describe(`${BlockedClients.name} refusal counts`, () => {
  afterEach(() => jest.useRealTimers());

  it('counts the early refusals of a blocked client', () => {
    jest.useFakeTimers({ now: 0 });
    const blocked = new BlockedClients();
    blocked.block('203.0.113.7', 60_000);
    expect(blocked.refuse('203.0.113.7')).toEqual({ untilMs: 60_000, count: 1 });
    expect(blocked.refuse('203.0.113.7')).toEqual({ untilMs: 60_000, count: 2 });
    expect(blocked.refuse('198.51.100.1')).toBeUndefined();
  });

  it('starts counting again in a new block', () => {
    jest.useFakeTimers({ now: 0 });
    const blocked = new BlockedClients();
    blocked.block('203.0.113.7', 1_000);
    blocked.refuse('203.0.113.7');
    jest.setSystemTime(1_000);
    expect(blocked.refuse('203.0.113.7')).toBeUndefined();
    blocked.block('203.0.113.7', 61_000);
    expect(blocked.refuse('203.0.113.7')).toEqual({ untilMs: 61_000, count: 1 });
  });
});
