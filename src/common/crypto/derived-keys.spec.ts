import { createHmac } from 'node:crypto';
import { deriveKey, KeyPurpose } from './derived-keys';

describe(deriveKey.name, () => {
  const secret = 'a-secret-that-is-long-enough-for-tests-0001';

  it('follows HKDF-SHA256 with the purpose as info (RFC 5869, empty salt)', () => {
    // Extract with a zero salt of hash length, then one expand block: T(1) = HMAC(PRK, info | 0x01).
    const prk = createHmac('sha256', Buffer.alloc(32)).update(secret).digest();
    const okm = createHmac('sha256', prk)
      .update(Buffer.concat([Buffer.from('strata/jwt'), Buffer.from([1])]))
      .digest();
    expect(deriveKey(secret, KeyPurpose.AccessTokens)).toEqual(okm);
  });

  it('gives each purpose its own 256-bit key, none of them the secret', () => {
    const jwt = deriveKey(secret, KeyPurpose.AccessTokens);
    const cursors = deriveKey(secret, KeyPurpose.Cursors);
    expect(jwt).toHaveLength(32);
    expect(cursors).toHaveLength(32);
    expect(jwt.equals(cursors)).toBe(false);
    expect(jwt.toString('utf8')).not.toBe(secret);
  });
});
