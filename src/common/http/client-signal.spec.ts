import { EventEmitter } from 'node:events';
import type { Response } from 'express';
import { clientSignalOf } from './client-signal';

function fakeResponse(state: { closed?: boolean } = {}): Response & EventEmitter {
  return Object.assign(new EventEmitter(), {
    closed: false,
    writableFinished: false,
    ...state,
  }) as unknown as Response & EventEmitter;
}

describe(clientSignalOf.name, () => {
  it('aborts when the connection closes before the response was sent', () => {
    const res = fakeResponse();
    const signal = clientSignalOf(res);
    expect(signal.aborted).toBe(false);
    res.emit('close');
    expect(signal.aborted).toBe(true);
  });

  it('does not abort when the response was sent', () => {
    const res = fakeResponse();
    const signal = clientSignalOf(res);
    Object.assign(res, { writableFinished: true });
    res.emit('close');
    expect(signal.aborted).toBe(false);
  });

  it('is aborted already when the client left before anyone asked', () => {
    expect(clientSignalOf(fakeResponse({ closed: true })).aborted).toBe(true);
  });

  it('is one signal per response', () => {
    const res = fakeResponse();
    expect(clientSignalOf(res)).toBe(clientSignalOf(res));
  });
});
