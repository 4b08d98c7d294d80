import { hkdfSync } from 'node:crypto';

/** What each key derived from JWT_SECRET is for; a key serves one purpose only. */
export const KeyPurpose = {
  AccessTokens: 'strata/jwt',
  Cursors: 'strata/cursor',
} as const;
export type KeyPurpose = (typeof KeyPurpose)[keyof typeof KeyPurpose];

const KEY_BYTES = 32;

/**
 * A 256-bit key for one purpose, derived from the secret with HKDF-SHA256 (the purpose is HKDF's
 * `info`): knowing or breaking one key says nothing of the others, and every instance with the same
 * secret derives the same keys.
 */
export function deriveKey(secret: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, '', purpose, KEY_BYTES));
}
