import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, ValidateBy } from 'class-validator';

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;
export const MAX_CURSOR_LENGTH = 512;

/** Digits only: `1e1`, `0x10`, ` 5` or `5.0` are not how anyone writes a page size. */
const DIGITS = /^[0-9]{1,9}$/;

/** One rule and one message for every way a limit can be wrong (not a number, a fraction, out of range). */
function IsPageLimit(): PropertyDecorator {
  return ValidateBy({
    name: 'isPageLimit',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_PAGE_LIMIT,
      defaultMessage: () => `$property must be an integer from 1 to ${MAX_PAGE_LIMIT}`,
    },
  });
}

/**
 * `?limit=&cursor=` of every list; query strings are typed explicitly, never coerced implicitly. An
 * empty parameter means the default: the validation pipe drops it.
 */
export class PaginationQueryDto {
  @ApiPropertyOptional({
    description: 'Items per page; empty means the default',
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: MAX_PAGE_LIMIT,
    default: DEFAULT_PAGE_LIMIT,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && DIGITS.test(value) ? Number(value) : value,
  )
  @IsPageLimit()
  limit: number = DEFAULT_PAGE_LIMIT;

  @ApiPropertyOptional({
    description: "The previous page's `meta.nextCursor`; omit it for the first page",
    maxLength: MAX_CURSOR_LENGTH,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CURSOR_LENGTH)
  cursor?: string;
}
