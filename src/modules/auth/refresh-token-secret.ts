import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: opaque to the client, and nothing like a JWT, so the two can never be confused. */
export function newRefreshTokenSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this digest is stored: a database leak yields no usable token. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
