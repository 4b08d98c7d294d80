import type { ExecutionContext } from '@nestjs/common';
import { createParamDecorator } from '@nestjs/common';
import type { Response } from 'express';

const signals = new WeakMap<Response, AbortSignal>();

/**
 * Aborts when the client goes away before its response was sent: work that waits its turn (an
 * argon2 hash queued for a core) can then be dropped instead of done for nobody. One per response.
 */
export function clientSignalOf(res: Response): AbortSignal {
  let signal = signals.get(res);
  if (!signal) {
    const controller = new AbortController();
    if (res.closed && !res.writableFinished) {
      controller.abort();
    } else {
      res.once('close', () => {
        if (!res.writableFinished) {
          controller.abort();
        }
      });
    }
    signal = controller.signal;
    signals.set(res, signal);
  }
  return signal;
}

/** The handler's `clientSignalOf` its response, for routes that hand it to queued work. */
export const ClientSignal = createParamDecorator((_data: unknown, context: ExecutionContext): AbortSignal =>
  clientSignalOf(context.switchToHttp().getResponse<Response>()),
);
