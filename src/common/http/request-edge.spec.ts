import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { requestEdge } from './request-edge';

function fakeExchange(headers: Record<string, string> = {}) {
  const req = { headers } as unknown as Request;
  const set = new Map<string, string>();
  const res = Object.assign(new EventEmitter(), {
    setHeader: (name: string, value: string) => set.set(name, value),
  }) as unknown as Response;
  return { req, res, set };
}

describe(requestEdge.name, () => {
  const onTimeout = jest.fn();
  const onDone = jest.fn();
  const edge = requestEdge({
    headers: [['X-Frame-Options', 'SAMEORIGIN']],
    timeoutMs: 1_000,
    onTimeout,
    onDone,
  });

  beforeEach(() => {
    jest.useFakeTimers();
    onTimeout.mockReset();
    onDone.mockReset();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('gives the request its id and sets it and the security headers before going on', () => {
    const { req, res, set } = fakeExchange({ 'x-request-id': 'abc-1' });
    const next = jest.fn();
    edge(req, res, next);
    expect(req.id).toBe('abc-1');
    expect(set.get('X-Request-Id')).toBe('abc-1');
    expect(set.get('X-Frame-Options')).toBe('SAMEORIGIN');
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('reports the request once it is over, with its duration, and never times it out then', () => {
    const { req, res } = fakeExchange();
    edge(req, res, jest.fn());
    res.emit('close');
    jest.advanceTimersByTime(5_000);
    expect(onDone).toHaveBeenCalledWith(req, res, expect.any(Number));
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('calls the timeout handler when the request outlives the timeout', () => {
    const { req, res } = fakeExchange();
    edge(req, res, jest.fn());
    jest.advanceTimersByTime(999);
    expect(onTimeout).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(onTimeout).toHaveBeenCalledWith(req, res);
  });
});
