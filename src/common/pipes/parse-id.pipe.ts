import type { ArgumentMetadata } from '@nestjs/common';
import { applyDecorators, ParseUUIDPipe } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsUUID } from 'class-validator';
import { ValidationFailedError } from '../errors/app-error';
import { canonicalId } from './canonical-id';

class ParseCanonicalIdPipe extends ParseUUIDPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<string | undefined | null> {
    const id = await super.transform(value, metadata);
    return typeof id === 'string' ? canonicalId(id) : id;
  }
}

/** A path id: a malformed one is a 422 naming the parameter, like any other bad input. */
export const ParseIdPipe = new ParseCanonicalIdPipe({
  exceptionFactory: () => new ValidationFailedError([{ field: 'id', message: 'id must be a UUID' }]),
});

/** An id field of a query or body DTO: must be a UUID, and arrives in canonical case. */
export function IsId(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? canonicalId(value) : value)),
    IsUUID(),
  );
}
