import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import type { Page } from '../../common/http/page';
import { ApiEnvelope, ApiErrors } from '../../common/openapi/api-envelope.decorators';
import { BEARER_AUTH } from '../../common/openapi/openapi';
import { CreatePostDto } from './dto/create-post.dto';
import { ListPostsQueryDto } from './dto/list-posts-query.dto';
import { PostResponse } from './dto/post.response';
import { UpdatePostDto } from './dto/update-post.dto';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { matchesIfNoneMatch } from './post-etag';
import { NotPostAuthorError, PostNotFoundError, PostVersionMismatchError } from './posts.errors';
import { ApiIfMatch, ApiIfNoneMatch, ApiPostResponse, ApiPostsTag } from './posts.openapi';
import { PostsService } from './posts.service';
import type { PostView } from './posts.service';

/** Drafts differ by caller, so shared caches must not keep a post; browsers revalidate with the ETag. */
const SINGLE_POST_CACHE_CONTROL = 'private, no-cache';

/** What changing or deleting a post throws: someone else's post, no such post, a stale If-Match. */
const WRITE_ERRORS = [NotPostAuthorError, PostNotFoundError, PostVersionMismatchError];

const ApiPostId = () => ApiParam({ name: 'id', format: 'uuid', description: "The post's id" });

@ApiPostsTag()
@Controller('posts')
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  @Post()
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: 'Write a post',
    description: 'The caller is the author. A draft unless `status` says otherwise.',
  })
  @ApiPostResponse(201, 'The new post')
  async create(
    @CurrentUser() caller: AuthUser,
    @Body() body: CreatePostDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PostResponse> {
    return withETag(res, await this.posts.create(caller, body));
  }

  @Get()
  @Public()
  @ApiOperation({
    summary: 'List published posts, newest first',
    description:
      'Filters `authorId`, `tag` and `q` (full-text search) combine with each other and with the cursor.',
  })
  @ApiEnvelope(PostResponse, { paginated: true })
  async list(@Query() query: ListPostsQueryDto): Promise<Page<PostResponse>> {
    const { authorId, tag, q, limit, cursor } = query;
    return this.posts.listPublished({ authorId, tag, q }, limit, cursor);
  }

  @Get(':id')
  @ApiPostId()
  @Public()
  // A token is optional: with one, the author also reads its own drafts.
  @ApiSecurity({})
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: 'A post',
    description: "A published post, or the caller's own draft; anyone else's draft is a 404.",
  })
  @ApiIfNoneMatch()
  @ApiPostResponse(200, 'The post')
  @ApiErrors(PostNotFoundError)
  async findOne(
    @Param('id', ParseIdPipe) id: string,
    @CurrentUser() caller: AuthUser | undefined,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PostResponse | undefined> {
    const view = await this.posts.getVisible(id, caller);
    res.setHeader('Cache-Control', SINGLE_POST_CACHE_CONTROL);
    if (ifNoneMatch !== undefined && matchesIfNoneMatch(ifNoneMatch, view.etag)) {
      res.setHeader('ETag', view.etag);
      res.status(304);
      return undefined;
    }
    return withETag(res, view);
  }

  @Patch(':id')
  @ApiPostId()
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: 'Change a post (author or admin)',
    description:
      'Partial update. With If-Match, the change applies only if the post is still at that ETag (412 otherwise). ' +
      '`status: "published"` sets `publishedAt`; back to `draft` clears it.',
  })
  @ApiIfMatch()
  @ApiPostResponse(200, 'The changed post')
  @ApiErrors(...WRITE_ERRORS)
  async update(
    @Param('id', ParseIdPipe) id: string,
    @CurrentUser() caller: AuthUser,
    @Body() body: UpdatePostDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PostResponse> {
    return withETag(res, await this.posts.update(id, caller, body, ifMatch));
  }

  @Delete(':id')
  @ApiPostId()
  @HttpCode(204)
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: 'Delete a post (author or admin)',
    description: 'Soft delete: the post is gone from every read. Honours If-Match like PATCH.',
  })
  @ApiIfMatch()
  @ApiResponse({ status: 204, description: 'Deleted' })
  @ApiErrors(...WRITE_ERRORS)
  async remove(
    @Param('id', ParseIdPipe) id: string,
    @CurrentUser() caller: AuthUser,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<void> {
    await this.posts.remove(id, caller, ifMatch);
  }
}

/** Sets the post's ETag on the response and gives back the post, for the handler to return. */
function withETag(res: Response, view: PostView): PostResponse {
  res.setHeader('ETag', view.etag);
  return view.post;
}
