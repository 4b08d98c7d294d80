import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination-query.dto';
import { normalizeTag, TAG_MAX } from '../post-text';
import { NO_NUL } from '../../../common/pipes/field-rules';
import { IsId } from '../../../common/pipes/parse-id.pipe';

const SEARCH_MAX = 200;

/** `GET /posts` filters; they combine with each other and with the cursor. */
export class ListPostsQueryDto extends PaginationQueryDto {
  @ApiProperty({ required: false, format: 'uuid', description: "Only this author's posts" })
  @IsOptional()
  @IsId()
  authorId?: string;

  @ApiProperty({
    required: false,
    example: 'postgres',
    minLength: 1,
    maxLength: TAG_MAX,
    description: 'Only posts with this tag (any case)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? normalizeTag(value) : value))
  @IsString()
  @Length(1, TAG_MAX)
  @Matches(NO_NUL, { message: '$property must not contain NUL characters' })
  tag?: string;

  @ApiProperty({
    required: false,
    example: 'keyset pagination',
    minLength: 1,
    maxLength: SEARCH_MAX,
    description:
      'Full-text search over title and content (English stemming; "quotes", OR and -word work as on the web). ' +
      'Results stay newest first.',
  })
  @IsOptional()
  @IsString()
  @Length(1, SEARCH_MAX)
  @Matches(NO_NUL, { message: '$property must not contain NUL characters' })
  q?: string;
}
