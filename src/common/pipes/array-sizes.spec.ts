import { ArrayMaxSize, IsOptional } from 'class-validator';
import { checkArraySizes } from './array-sizes';

class Tagged {
  @IsOptional()
  @ArrayMaxSize(3)
  tags?: unknown[];

  @IsOptional()
  name?: string;
}

describe(checkArraySizes.name, () => {
  it('reports an array over its DTO limit and hands on an empty one, leaving the caller’s body alone', () => {
    const body = { tags: Array.from({ length: 45_000 }, () => 7), name: 'x' };
    const result = checkArraySizes(body, Tagged);
    expect(result.problems).toEqual([
      { field: 'tags', message: 'tags must contain no more than 3 elements' },
    ]);
    expect(result.body).toEqual({ tags: [], name: 'x' });
    expect(result.oversized).toEqual(new Set(['tags']));
    expect(body.tags).toHaveLength(45_000);
  });

  it('passes a body within its limits through as it is', () => {
    const body = { tags: [1, 2, 3] };
    expect(checkArraySizes(body, Tagged)).toEqual({ body, problems: [], oversized: new Set() });
  });

  it('ignores a field the DTO does not declare and a value that is not an array', () => {
    const body = { other: Array.from({ length: 10 }, () => 1), tags: 'not an array' };
    expect(checkArraySizes(body, Tagged).problems).toEqual([]);
  });
});
