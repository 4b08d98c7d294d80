import { EventEmitter } from 'node:events';
import { RefusalPacing } from './refusal-pacing';

const WINDOW_LEFT_MS = 60_000;

describe(RefusalPacing.name, () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const pacing = () => new RefusalPacing({ promptRefusals: 3, holdMs: 1_000, maxHeld: 2 });

  it("answers a client's first refusals in its window at once", () => {
    const paced = pacing();
    const send = jest.fn();
    for (let count = 1; count <= 3; count += 1) {
      paced.answer(new EventEmitter(), count, WINDOW_LEFT_MS, send);
    }
    expect(send).toHaveBeenCalledTimes(3);
    expect(paced.held).toBe(0);
  });

  it('holds the refusals past those for the hold, then answers them', () => {
    const paced = pacing();
    const send = jest.fn();
    paced.answer(new EventEmitter(), 4, WINDOW_LEFT_MS, send);
    expect(paced.held).toBe(1);
    jest.advanceTimersByTime(999);
    expect(send).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(send).toHaveBeenCalledTimes(1);
    expect(paced.held).toBe(0);
  });

  it('never holds a refusal past the end of its block', () => {
    const send = jest.fn();
    pacing().answer(new EventEmitter(), 4, 250, send);
    jest.advanceTimersByTime(249);
    expect(send).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('answers at once once as many refusals as it may hold are held', () => {
    const paced = pacing();
    const held = jest.fn();
    paced.answer(new EventEmitter(), 4, WINDOW_LEFT_MS, held);
    paced.answer(new EventEmitter(), 5, WINDOW_LEFT_MS, held);
    const overflow = jest.fn();
    paced.answer(new EventEmitter(), 6, WINDOW_LEFT_MS, overflow);
    expect(overflow).toHaveBeenCalledTimes(1);
    expect(held).not.toHaveBeenCalled();
    expect(paced.held).toBe(2);
    jest.advanceTimersByTime(1_000);
    expect(held).toHaveBeenCalledTimes(2);
    expect(paced.held).toBe(0);
  });

  it('drops a held refusal whose connection closed, and frees its place at once', () => {
    const paced = pacing();
    const res = new EventEmitter();
    const send = jest.fn();
    paced.answer(res, 4, WINDOW_LEFT_MS, send);
    res.emit('close');
    expect(paced.held).toBe(0);
    jest.advanceTimersByTime(1_000);
    expect(send).not.toHaveBeenCalled();
    expect(res.listenerCount('close')).toBe(0);
  });

  it('leaves no listener behind on a response it answered after the hold', () => {
    const res = new EventEmitter();
    pacing().answer(res, 4, WINDOW_LEFT_MS, () => res.emit('close'));
    expect(res.listenerCount('close')).toBe(1);
    jest.advanceTimersByTime(1_000);
    expect(res.listenerCount('close')).toBe(0);
  });
});
