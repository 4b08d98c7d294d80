import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) {
    value = wrap(value);
  }
  return value;
}

describe(nestsDeeperThan.name, () => {
  it('counts the top-level object or array as depth 1', () => {
    expect(nestsDeeperThan({ a: 1 }, 1)).toBe(false);
    expect(nestsDeeperThan([[1]], 1)).toBe(true);
    expect(nestsDeeperThan('a string', 0)).toBe(false);
  });

  it('accepts a body exactly at the limit and refuses one a level deeper', () => {
    const objects = (depth: number) => nested(depth, (inner) => ({ a: inner }));
    expect(nestsDeeperThan(objects(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(objects(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });

  it('finds deep nesting behind wide, shallow siblings and mixed arrays and objects', () => {
    let level = 0;
    const deep = nested(MAX_JSON_DEPTH, (inner) => (++level % 2 === 0 ? [0, inner] : { x: inner }));
    expect(nestsDeeperThan({ wide: Array.from({ length: 1000 }, () => ({})), deep }, MAX_JSON_DEPTH)).toBe(
      true,
    );
  });

  it('walks a body nested 50,000 levels deep without overflowing the stack', () => {
    const body: unknown = JSON.parse(`${'['.repeat(50_000)}${']'.repeat(50_000)}`);
    expect(nestsDeeperThan(body, MAX_JSON_DEPTH)).toBe(true);
  });
});
