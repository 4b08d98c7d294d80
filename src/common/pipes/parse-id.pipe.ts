import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailedError } from '../errors/app-error';

/** A malformed id is a 422 naming the parameter, like any other bad input. */
export const ParseIdPipe = new ParseUUIDPipe({
  exceptionFactory: () => new ValidationFailedError([{ field: 'id', message: 'id must be a UUID' }]),
});
