import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { deriveKey, KeyPurpose } from '../crypto/derived-keys';
import { ValidationFailedError } from '../errors/app-error';
import { AppConfig } from '../../config/app-config';

/** The position after which the next page starts: the sort value and the id that breaks ties. */
export interface CursorPosition {
  sortValue: string;
  id: string;
}

const INVALID_CURSOR = new ValidationFailedError([
  { field: 'cursor', message: 'cursor is invalid or expired' },
]);

/**
 * Opaque, signed keyset cursors: base64url(JSON) + "." + HMAC-SHA256. A cursor the server did not
 * issue, or one that was altered, is a 422; it never reaches a query. The key is derived from the
 * JWT secret (HKDF, a purpose of its own), so every instance accepts every other instance's cursors.
 */
@Injectable()
export class CursorCodec {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = deriveKey(config.jwtSecret, KeyPurpose.Cursors);
  }

  encode(scope: string, position: CursorPosition): string {
    const payload = Buffer.from(JSON.stringify([scope, position.sortValue, position.id])).toString(
      'base64url',
    );
    return `${payload}.${this.sign(payload)}`;
  }

  /** `scope` ties a cursor to one list, so a users cursor cannot page through posts. */
  decode(scope: string, cursor: string): CursorPosition {
    const [payload, signature, extra] = cursor.split('.');
    if (!payload || !signature || extra !== undefined || !this.verify(payload, signature)) {
      throw INVALID_CURSOR;
    }
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (
      !Array.isArray(parsed) ||
      parsed.length !== 3 ||
      parsed[0] !== scope ||
      typeof parsed[1] !== 'string' ||
      typeof parsed[2] !== 'string'
    ) {
      throw INVALID_CURSOR;
    }
    return { sortValue: parsed[1], id: parsed[2] };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }

  private verify(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
