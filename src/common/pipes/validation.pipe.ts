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
 * Whitelisting that refuses unknown fields, no implicit coercion of bodies (a number is not a
 * string), and 422 VALIDATION_FAILED naming every bad field. Query DTOs opt into conversion with
 * explicit `@Type()` decorators.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
