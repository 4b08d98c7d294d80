import { randomBytes } from 'node:crypto';
import { estimatedEntropyBits, isStrongSecret } from './secret-strength';

describe(isStrongSecret.name, () => {
  it.each([
    ['one character repeated', 'a'.repeat(64)],
    ['a short pattern repeated', 'abc123'.repeat(8)],
    ['too few distinct characters', 'abcdefghij'.repeat(6)],
    ['too short', 'Xy7#kQ2!mZ9$wR4&'],
  ])('refuses %s', (_case, secret) => {
    expect(isStrongSecret(secret)).toBe(false);
  });

  it('accepts every secret the development default generates and the usual openssl ones', () => {
    for (let i = 0; i < 500; i += 1) {
      // As readOrCreateSecret makes them, and as `openssl rand -base64 48` / `-hex 32` print them.
      expect(isStrongSecret(randomBytes(32).toString('base64url'))).toBe(true);
      expect(isStrongSecret(randomBytes(48).toString('base64'))).toBe(true);
      expect(isStrongSecret(randomBytes(32).toString('hex'))).toBe(true);
    }
  });
});

describe(estimatedEntropyBits.name, () => {
  it('is zero for one repeated character and length × log2(alphabet) for a uniform string', () => {
    expect(estimatedEntropyBits('a'.repeat(40))).toBe(0);
    expect(estimatedEntropyBits('0123456789abcdef'.repeat(2))).toBeCloseTo(32 * 4);
  });
});
