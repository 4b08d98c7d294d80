import { ApiProperty } from '@nestjs/swagger';
import { POST_STATUSES } from '../post.entity';
import type { PostStatus } from '../post.entity';
import { CONTENT_MAX, SLUG_MAX, TAG_MAX, TAGS_MAX, TITLE_MAX } from '../post-text';

/** The users module's limit; repeated here because modules share services, not DTOs. */
const USERNAME_MAX = 50;

export class PostAuthorResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ada.lovelace', maxLength: USERNAME_MAX })
  username: string;
}

export class PostResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Keyset pagination in PostgreSQL', minLength: 1, maxLength: TITLE_MAX })
  title: string;

  @ApiProperty({
    example: 'Offsets get slower with every page; a keyset does not.',
    minLength: 1,
    maxLength: CONTENT_MAX,
  })
  content: string;

  @ApiProperty({ enum: POST_STATUSES, example: 'published' })
  status: PostStatus;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', minLength: 1, maxLength: TAG_MAX },
    maxItems: TAGS_MAX,
    example: ['postgres', 'performance'],
  })
  tags: string[];

  @ApiProperty({ example: 'keyset-pagination-in-postgresql-6f1c6d1e0000', maxLength: SLUG_MAX })
  slug: string;

  @ApiProperty({ type: PostAuthorResponse })
  author: PostAuthorResponse;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null while a draft' })
  publishedAt: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}
