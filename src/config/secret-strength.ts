/** What a production JWT_SECRET must meet beyond its length; the config error states the rule. */
export const MIN_SECRET_DISTINCT_CHARACTERS = 12;
export const MIN_SECRET_ENTROPY_BITS = 128;

export const SECRET_STRENGTH_RULE =
  `at least 32 characters, at least ${MIN_SECRET_DISTINCT_CHARACTERS} distinct characters and an estimated ` +
  `${MIN_SECRET_ENTROPY_BITS} bits of entropy (length × Shannon entropy per character), ` +
  'e.g. `openssl rand -base64 48`';

/**
 * Bits of entropy a string shows on its face: its length times the Shannon entropy of its character
 * frequencies. A crude upper bound (it cannot see a dictionary word), but it refuses the secrets a
 * person types: `aaaa…`, `abcabc…`, a short word repeated.
 */
export function estimatedEntropyBits(secret: string): number {
  const characters = [...secret];
  const counts = new Map<string, number>();
  for (const character of characters) {
    counts.set(character, (counts.get(character) ?? 0) + 1);
  }
  let perCharacter = 0;
  for (const count of counts.values()) {
    const p = count / characters.length;
    perCharacter -= p * Math.log2(p);
  }
  return perCharacter * characters.length;
}

/** True when the secret meets the production rule (see SECRET_STRENGTH_RULE). */
export function isStrongSecret(secret: string): boolean {
  return (
    secret.length >= 32 &&
    new Set(secret).size >= MIN_SECRET_DISTINCT_CHARACTERS &&
    estimatedEntropyBits(secret) >= MIN_SECRET_ENTROPY_BITS
  );
}
