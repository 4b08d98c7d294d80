import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/** The throttler's guard, with one plain `Retry-After` header whichever budget ran out. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override setResponseHeader(
    res: Record<string, unknown>,
    name: string,
    value: string | number,
  ): void {
    super.setResponseHeader(res, name.startsWith('Retry-After') ? 'Retry-After' : name, value);
  }
}
