import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { currentClientSignal, trackClient } from './client-signal';

function fakeResponse(): Response & EventEmitter {
  return Object.assign(new EventEmitter(), {
    closed: false,
    writableFinished: false,
  }) as unknown as Response & EventEmitter;
}

/** The signal as a handler of this request would see it, after an await. */
function signalInRequest(res: Response): Promise<AbortSignal | undefined> {
  return new Promise((resolve) => {
    const next: NextFunction = () => {
      void Promise.resolve().then(() => resolve(currentClientSignal()));
    };
    trackClient({} as Request, res, next);
  });
}

describe(currentClientSignal.name, () => {
  it('is undefined outside a request', () => {
    expect(currentClientSignal()).toBeUndefined();
  });

  it('aborts when the connection closes before the response was sent', async () => {
    const res = fakeResponse();
    const signal = await signalInRequest(res);
    expect(signal?.aborted).toBe(false);
    res.emit('close');
    expect(signal?.aborted).toBe(true);
  });

  it('does not abort when the response was sent', async () => {
    const res = fakeResponse();
    const signal = await signalInRequest(res);
    Object.assign(res, { writableFinished: true });
    res.emit('close');
    expect(signal?.aborted).toBe(false);
  });

  it('is aborted already when the client left before anyone asked', async () => {
    const res = Object.assign(fakeResponse(), { closed: true });
    expect((await signalInRequest(res))?.aborted).toBe(true);
  });
});
