import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ApiTag } from '../../common/openapi/api-tag.decorator';
import { successEnvelopeSchema } from '../../common/openapi/envelope-schemas';
import { PostResponse } from './dto/post.response';

const ETAG_HEADER = {
  ETag: {
    description: 'Strong validator of this representation; send it back in If-None-Match or If-Match',
    schema: { type: 'string', maxLength: 64, example: '"q3Yl9m0sX2hGk1c7Vb8aT4dQeRw"' },
  },
};

export const ApiPostsTag = () => ApiTag('posts', 'Posts: drafts, publishing, tags and full-text search');

/** A single post in the success envelope, with its ETag header. */
export function ApiPostResponse(status: number, description: string) {
  return applyDecorators(
    ApiExtraModels(PostResponse),
    ApiResponse({
      status,
      description,
      headers: ETAG_HEADER,
      schema: successEnvelopeSchema(status, { $ref: getSchemaPath(PostResponse) }),
    }),
  );
}

export const ApiIfMatch = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    schema: { type: 'string', maxLength: 1024 },
    description: 'The ETag the change is based on; if the post has changed since, nothing is changed and 412',
  });

export const ApiIfNoneMatch = () =>
  applyDecorators(
    ApiHeader({
      name: 'If-None-Match',
      required: false,
      schema: { type: 'string', maxLength: 1024 },
      description: 'An ETag from an earlier read; 304 with no body while it is still current',
    }),
    ApiResponse({
      status: 304,
      description: 'Not modified: the ETag sent is still current',
      headers: ETAG_HEADER,
    }),
  );
