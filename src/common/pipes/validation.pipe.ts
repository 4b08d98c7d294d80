import type { ArgumentMetadata } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import type { ErrorDetail } from '../errors/app-error';
import { ValidationFailedError } from '../errors/app-error';
import { precheckBody } from './body-precheck';
import { itemProblems } from './each-item.decorator';

/** Flattens class-validator's tree into `{field, message}` with dotted paths (`tags.3`). */
export function toErrorDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).flatMap(([constraint, message]) => {
      const items = itemProblems(error, constraint);
      if (items && items.length > 0) {
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

/** Keys the transformer drops without a word: to the client they are unknown fields like any other. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Every such key, at any depth (the body parser has already bounded the depth). */
function prototypeKeys(value: object, parent = '', found: ErrorDetail[] = []): ErrorDetail[] {
  for (const key of Object.keys(value)) {
    const field = parent ? `${parent}.${key}` : key;
    const child: unknown = (value as Record<string, unknown>)[key];
    if (PROTOTYPE_KEYS.has(key)) {
      found.push({ field, message: `${field} is not allowed` });
    } else if (child !== null && typeof child === 'object') {
      prototypeKeys(child, field, found);
    }
  }
  return found;
}

/** The global pipe, with `singleValuedQuery`, `precheckBody` and `prototypeKeys` in front of it. */
class StrataValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!this.toValidate(metadata) || typeof value !== 'object' || value === null || Array.isArray(value)) {
      return super.transform(value, metadata);
    }
    let input = value as Record<string, unknown>;
    const problems: ErrorDetail[] = [];
    if (metadata.type === 'query') {
      const { query, repeated } = singleValuedQuery(value);
      input = query;
      problems.push(...repeated);
    }
    const prechecked = precheckBody(input, metadata.metatype as new () => unknown);
    input = prechecked.body;
    problems.push(...prechecked.problems, ...prototypeKeys(input));
    if (problems.length === 0) {
      return super.transform(input, metadata);
    }
    try {
      await super.transform(input, metadata);
    } catch (error) {
      if (!(error instanceof ValidationFailedError) || !error.details) {
        throw error;
      }
      const isAnswered = (field: string) => prechecked.answered.has(field.split('.')[0]);
      problems.push(...error.details.filter((detail) => !isAnswered(detail.field)));
    }
    throw new ValidationFailedError(problems);
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
    // Values stay on the errors (never in a response): EachItem reads the array's bad items from it.
    validationError: { target: false, value: true },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedError(toErrorDetails(errors)),
  });
}
