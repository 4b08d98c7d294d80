import { Injectable } from '@nestjs/common';
import { InjectThrottlerStorage } from '@nestjs/throttler';
import { AppConfig } from '../../config/app-config';
import { AccountLockedError } from './account-locked.error';
import { KeyedBudget, keyOfTyped } from './keyed-budget';
import type { RateLimitStorage } from './rate-limit-storage';

/** Too many mails asked for one address in the window: a 429 whoever asks, until it ends. */
export class AddressRateLimitedError extends AccountLockedError {
  static override readonly message =
    'Too many requests for this address, retry after the time in the Retry-After header';
}

/**
 * Requests that mail an address (a verification resend, a password reset), counted per address
 * beside the per-client budgets and in the same storage (Redis when configured, shared by every
 * instance). Every request counts, known address or not, keyed by a hash of what was typed: the
 * refusal says nothing about which addresses have accounts, and nobody can flood one mailbox
 * from many clients. RATE_LIMIT_MAIL_MAX per RATE_LIMIT_WINDOW.
 */
@Injectable()
export class AddressLimit {
  private readonly requests: KeyedBudget;

  constructor(@InjectThrottlerStorage() storage: RateLimitStorage, config: AppConfig) {
    this.requests = new KeyedBudget(storage, 'address', config.rateLimitWindow, config.rateLimitMailMax);
  }

  /** Counts one request for `address`; AddressRateLimitedError (429) once over the limit. */
  async hit(address: string): Promise<void> {
    const refused = await this.requests.count(keyOfTyped('address:mail', address));
    if (refused) {
      throw new AddressRateLimitedError(refused);
    }
  }
}
