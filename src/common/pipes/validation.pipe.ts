import type { ArgumentMetadata } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { ErrorDetail } from '../errors/app-error';
import { ValidationFailedError } from '../errors/app-error';
import { itemProblems } from './each-item.decorator';

/** Flattens class-validator's tree into `{field, message}` with dotted paths (`tags.3`). */
export function toErrorDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).flatMap((message) => {
      const items = itemProblems(message);
      if (items) {
        return items.map((item) => ({
          field: `${field}.${item.index}`,
          message: `${field}.${item.index} ${item.message}`,
        }));
      }
      return [{ field, message: message.replace(/^property (\S+) should not exist$/, '$1 is not allowed') }];
    });
    return [...own, ...toErrorDetails(error.children ?? [], field)];
  });
}

/**
 * Query strings as a person types them: an empty parameter (`?limit=`) is the same as an absent one,
 * so the default applies, and a parameter given twice (`?limit=1&limit=2`) is one clear message
 * rather than every rule of the field failing on an array.
 */
function singleValuedQuery(query: object): { query: Record<string, unknown>; repeated: ErrorDetail[] } {
  const entries = Object.entries(query).filter(([, value]) => value !== '');
  const repeated = entries
    .filter(([, value]) => Array.isArray(value))
    .map(([field]) => ({ field, message: `${field} must be given at most once` }));
  return {
    query: Object.fromEntries(entries.filter(([, value]) => !Array.isArray(value))),
    repeated,
  };
}

/** The global pipe, with the query-string rules of `singleValuedQuery` in front of it. */
class StrataValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'query' || typeof value !== 'object' || value === null) {
      return super.transform(value, metadata);
    }
    const { query, repeated } = singleValuedQuery(value);
    if (repeated.length === 0) {
      return super.transform(query, metadata);
    }
    const details = [...repeated];
    try {
      await super.transform(query, metadata);
    } catch (error) {
      if (!(error instanceof ValidationFailedError) || !error.details) {
        throw error;
      }
      details.push(...error.details);
    }
    throw new ValidationFailedError(details);
  }
}

/**
 * Whitelisting that refuses unknown fields, no implicit coercion of bodies (a number is not a
 * string), and 422 VALIDATION_FAILED naming every bad field. Query DTOs opt into conversion with
 * explicit `@Type()` decorators.
 */
export function createValidationPipe(): ValidationPipe {
  return new StrataValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedError(toErrorDetails(errors)),
  });
}
