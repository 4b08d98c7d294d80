import 'reflect-metadata';
import { ArrayMaxSize, IsOptional, IsString } from 'class-validator';
import { precheckBody } from './body-precheck';

class Tagged {
  @IsOptional()
  @ArrayMaxSize(3)
  tags?: unknown[];

  @IsOptional()
  @IsString()
  name?: string;
}

describe(precheckBody.name, () => {
  it('reports an array over its DTO limit and hands on an empty one, leaving the caller’s body alone', () => {
    const body = { tags: Array.from({ length: 45_000 }, () => 7), name: 'x' };
    const result = precheckBody(body, Tagged);
    expect(result.problems).toEqual([
      { field: 'tags', message: 'tags must contain no more than 3 elements' },
    ]);
    expect(result.body).toEqual({ tags: [], name: 'x' });
    expect(result.answered).toEqual(new Set(['tags']));
    expect(body.tags).toHaveLength(45_000);
  });

  it('reports unknown fields and leaves them out', () => {
    const result = precheckBody({ name: 'x', role: 'admin', __proto__: 1 }, Tagged);
    expect(result.problems).toEqual([{ field: 'role', message: 'role is not allowed' }]);
    expect(result.body).toEqual({ name: 'x' });
  });

  it('replaces an array or object where a string goes by an empty one of its kind', () => {
    expect(precheckBody({ name: Array.from({ length: 1_000 }, () => 1) }, Tagged).body).toEqual({ name: [] });
    expect(precheckBody({ name: { deep: { er: 1 } } }, Tagged).body).toEqual({ name: {} });
  });

  it('passes a body within its limits through unchanged', () => {
    const body = { tags: [1, 2, 3], name: 'x' };
    expect(precheckBody(body, Tagged)).toEqual({ body, problems: [], answered: new Set() });
  });
});
