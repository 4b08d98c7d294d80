import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { NO_NUL, NO_NUL_MESSAGE } from '../../../common/pipes/field-rules';

/** Real tokens are 43 characters; anything up to this is looked up (and is then INVALID_TOKEN). */
export const ONE_TIME_TOKEN_MAX = 256;

/** The token of a mailed link: the value of its `{token}` placeholder. */
export function IsOneTimeToken(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description,
      minLength: 1,
      maxLength: ONE_TIME_TOKEN_MAX,
      example: 'Qm1uN0lGc2dtR3c4aV9XbTZ3eHdCSXJmVENvb1E2d2c',
    }),
    IsString(),
    Length(1, ONE_TIME_TOKEN_MAX),
    Matches(NO_NUL, { message: NO_NUL_MESSAGE }),
  );
}
