import type { ValidationError } from 'class-validator';
import { validate } from 'class-validator';
import { ValidationFailedError } from '../errors/app-error';
import { EachItem } from './each-item.decorator';
import { createValidationPipe, toErrorDetails } from './validation.pipe';

function error(
  property: string,
  constraints?: Record<string, string>,
  children?: ValidationError[],
): ValidationError {
  const validationError: ValidationError = { property, constraints, children };
  return validationError;
}

describe(toErrorDetails.name, () => {
  it('lists every constraint of every field', () => {
    expect(
      toErrorDetails([
        error('email', { isEmail: 'email must be an email' }),
        error('name', { isString: 'name must be a string', length: 'name is too long' }),
      ]),
    ).toEqual([
      { field: 'email', message: 'email must be an email' },
      { field: 'name', message: 'name must be a string' },
      { field: 'name', message: 'name is too long' },
    ]);
  });

  it('uses dotted paths for nested objects and array items', () => {
    const details = toErrorDetails([
      error('tags', undefined, [error('3', { length: 'each value in tags must be shorter' })]),
      error('author', undefined, [error('name', { isString: 'name must be a string' })]),
    ]);
    expect(details.map((d) => d.field)).toEqual(['tags.3', 'author.name']);
  });

  it('rephrases unknown fields', () => {
    expect(
      toErrorDetails([error('role', { whitelistValidation: 'property role should not exist' })]),
    ).toEqual([{ field: 'role', message: 'role is not allowed' }]);
  });
});

describe('EachItem', () => {
  class Tagged {
    @EachItem([(item) => (typeof item === 'string' ? null : 'must be a string')], { maxItems: 5 })
    tags: unknown[];
  }

  it('reports each bad item of an array under its own dotted path', async () => {
    const errors = await validate(Object.assign(new Tagged(), { tags: ['ok', 3, 'fine', null] }));
    expect(toErrorDetails(errors)).toEqual([
      { field: 'tags.1', message: 'tags.1 must be a string' },
      { field: 'tags.3', message: 'tags.3 must be a string' },
    ]);
  });

  it('names each bad item through the global pipe, as the API answers', async () => {
    const failure: unknown = await createValidationPipe()
      .transform({ tags: [7, 'ok'] }, { type: 'body', metatype: Tagged })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationFailedError);
    expect((failure as ValidationFailedError).details).toEqual([
      { field: 'tags.0', message: 'tags.0 must be a string' },
    ]);
  });

  it('leaves an array over its size limit to the size rule, without checking its items', async () => {
    await expect(
      validate(Object.assign(new Tagged(), { tags: Array.from({ length: 45_000 }, () => 7) })),
    ).resolves.toEqual([]);
  });

  it('passes an array whose items all pass', async () => {
    await expect(validate(Object.assign(new Tagged(), { tags: ['a', 'b'] }))).resolves.toEqual([]);
  });
});
