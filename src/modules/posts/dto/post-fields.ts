import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import { EachItem } from '../../../common/pipes/each-item.decorator';
import { POST_STATUSES } from '../post.entity';
import { CONTENT_MAX, normalizeTags, TAG_MAX, TAGS_MAX, TITLE_MAX } from '../post-text';
import { NonBlankText, NormalizedText } from '../../../common/pipes/field-rules';

export function IsPostTitle(options: { required?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      example: 'Keyset pagination in PostgreSQL',
      minLength: 1,
      maxLength: TITLE_MAX,
      required: options.required ?? true,
    }),
    NormalizedText(),
    NonBlankText(TITLE_MAX),
  );
}

export function IsPostContent(options: { required?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      example: 'Offsets get slower with every page; a keyset does not.',
      minLength: 1,
      maxLength: CONTENT_MAX,
      required: options.required ?? true,
    }),
    NonBlankText(CONTENT_MAX),
  );
}

export function IsPostStatus(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      enum: POST_STATUSES,
      required: false,
      example: 'published',
      description: '`published` sets `publishedAt`; back to `draft` clears it',
    }),
    IsIn(POST_STATUSES),
  );
}

/**
 * The count is of the tags as sent (the validation pipe checks it before any item is looked at);
 * each tag is checked after normalisation, and `[" Go ", "go"]` is stored as one tag, `go`.
 */
export function IsPostTags(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      type: 'array',
      items: { type: 'string', minLength: 1, maxLength: TAG_MAX },
      required: false,
      maxItems: TAGS_MAX,
      example: ['postgres', 'performance'],
      description: `At most ${TAGS_MAX} tags (as sent) of 1–${TAG_MAX} characters; trimmed, lower-cased and de-duplicated`,
    }),
    Transform(({ value }: { value: unknown }) =>
      Array.isArray(value) && value.every((tag) => typeof tag === 'string') ? normalizeTags(value) : value,
    ),
    IsArray(),
    ArrayMaxSize(TAGS_MAX),
    EachItem(
      [
        (tag) => (typeof tag === 'string' ? null : 'must be a string'),
        (tag) =>
          typeof tag === 'string' && (tag.length < 1 || tag.length > TAG_MAX)
            ? `must be 1–${TAG_MAX} characters long once trimmed`
            : null,
        (tag) =>
          typeof tag === 'string' && tag.includes('\u0000') ? 'must not contain NUL characters' : null,
      ],
      { maxItems: TAGS_MAX },
    ),
  );
}
