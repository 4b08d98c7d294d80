import fc from 'fast-check';

/**
 * Generators of the inputs a careless or hostile client sends, for the property test of the whole
 * API: text that is long, astral, combining, grows when case-folded or carries NUL; numbers, nulls
 * and objects where text goes; keys that target prototypes; deep nesting and huge arrays.
 */

/** Field names the API knows, so generated bodies reach the rules behind the type checks. */
const KNOWN_FIELDS = [
  'email',
  'username',
  'password',
  'currentPassword',
  'newPassword',
  'refreshToken',
  'title',
  'content',
  'status',
  'tags',
  'role',
  'isActive',
  'id',
  'createdAt',
];

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];

const SPECIAL_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  'İ'.repeat(200),
  'ﬃ'.repeat(50),
  'e\u0301'.repeat(150),
  '\u212A',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '😀'.repeat(120),
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil',
  'a@b.c',
  `${'İ'.repeat(60)}@${'İ'.repeat(60)}.${'İ'.repeat(60)}.test`,
  'user@example.test',
  'published',
  'draft',
  'admin',
  '00000000-0000-4000-8000-000000000000',
  '123456',
  'password',
  'x'.repeat(300),
  'x'.repeat(60_000),
];

export const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SPECIAL_TEXT),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const key: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...KNOWN_FIELDS),
  fc.constantFrom(...PROTOTYPE_KEYS),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  nastyText,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2),
);

/** JSON values of a few levels: objects with known, prototype and random keys, arrays, scalars. */
const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** `depth` levels of `[` or `{"a":`, as JSON text: deeper than any transformer's stack. */
const deeplyNested: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 30, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
  );

const hugeArray: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...KNOWN_FIELDS), fc.constantFrom('7', '"t"', 'null', '{}', '"İİ"'))
  .map(([field, item]) =>
    JSON.stringify({ [field]: [] }).replace('[]', `[${Array(20_000).fill(item).join(',')}]`),
  );

/** Many unknown fields at once: the details list must stay bounded. */
const manyKeys: fc.Arbitrary<string> = fc
  .integer({ min: 21, max: 5_000 })
  .map((count) => JSON.stringify(Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]))));

const malformed: fc.Arbitrary<string> = fc.constantFrom(
  '{',
  '{"a":',
  'nul',
  '"\\ud800"',
  '{"a":1}}',
  '\u0000',
);

/**
 * Values that pass a field's type (and often all its rules), so bodies also reach the services and
 * the database: case-expanding and international emails, NFC-sensitive titles, valid usernames.
 */
const plausible: Record<string, fc.Arbitrary<unknown>> = {
  email: fc.oneof(
    fc.emailAddress(),
    fc.constantFrom(
      'Ada@Example.TEST',
      '\u212Aate@example.test',
      'café@example.test',
      'ü@xn--bcher-kva.example',
      '用户@例子.广告',
      `a@${'İ'.repeat(60)}.${'İ'.repeat(60)}.test`,
      `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.test`,
    ),
  ),
  username: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.-]{3,50}$/), fc.constantFrom('İstanbul', 'ada\u0301')),
  password: fc.oneof(fc.string({ minLength: 8, maxLength: 128 }), fc.constant('a sturdy passphrase 42')),
  title: fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
    fc.constantFrom('e\u0301'.repeat(200), '\u0958'.repeat(150), '\uFB2C'.repeat(80), 'İ'.repeat(200)),
  ),
  content: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 500 }),
  status: fc.constantFrom('draft', 'published'),
  tags: fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constant('İ'.repeat(20))), {
    maxLength: 12,
  }),
  role: fc.constantFrom('user', 'admin'),
  isActive: fc.boolean(),
};

/** Mostly plausible fields, sometimes one of them replaced by anything at all. */
const plausibleBody: fc.Arbitrary<string> = fc
  .tuple(
    fc.record(plausible, { requiredKeys: [] }),
    fc.option(fc.tuple(fc.constantFrom(...KNOWN_FIELDS), value)),
  )
  .map(([body, swap]) => JSON.stringify(swap ? { ...body, [swap[0]]: swap[1] } : body));

/** A request body as raw JSON text (so prototype keys and malformed text reach the server as written). */
export const nastyBody: fc.Arbitrary<string> = fc.oneof(
  plausibleBody,
  plausibleBody,
  value.map((body) => JSON.stringify(body) ?? 'null'),
  fc.dictionary(fc.constantFrom(...KNOWN_FIELDS), value, { maxKeys: 6 }).map((body) => JSON.stringify(body)),
  fc
    .tuple(fc.constantFrom(...PROTOTYPE_KEYS), value)
    .map(([name, inner]) => `{"${name}":${JSON.stringify(inner) ?? 'null'},"title":"t","content":"c"}`),
  deeplyNested,
  hugeArray,
  manyKeys,
  malformed,
);

/** Ids for `:id` segments: valid, upper-cased, malformed, long, unicode. */
export function nastyId(knownIds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...knownIds),
    fc.constantFrom(...knownIds).map((id) => id.toUpperCase()),
    fc.uuid(),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
    fc.constantFrom('me', '0', '-1', 'null', '%', '..', 'x'.repeat(200)),
  );
}

/** Query strings for lists and anything else: known parameters, repeated, empty and strange values. */
export const nastyQuery: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom('limit', 'cursor', 'tag', 'q', 'authorId', '__proto__'),
        fc.string({ maxLength: 10 }),
      ),
      fc.oneof(
        nastyText.filter((text) => text.length < 1_000),
        fc.constantFrom('', '0', '20', '100', '101', 'abc'),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());
