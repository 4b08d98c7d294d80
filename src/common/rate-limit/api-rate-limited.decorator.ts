import { ApiResponse } from '@nestjs/swagger';
import { ErrorCode } from '../errors/error-code';
import { errorEnvelopeSchema } from '../openapi/envelope-schemas';

/** Documents an operation's 429 in its own words (the generic one is added to every operation). */
export const ApiRateLimited = (description: string) =>
  ApiResponse({ status: 429, description, schema: errorEnvelopeSchema(429, [ErrorCode.RateLimited]) });
