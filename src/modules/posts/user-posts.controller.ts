import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiSecurity } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { Public } from '../auth/public.decorator';
import type { Page } from '../../common/http/page';
import { ApiEnvelope, ApiErrors } from '../../common/openapi/api-envelope.decorators';
import { BEARER_AUTH } from '../../common/openapi/openapi';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto';
import { PostResponse } from './dto/post.response';
import { ParseIdPipe } from '../../common/pipes/parse-id.pipe';
import { PostAuthorNotFoundError } from './posts.errors';
import { ApiPostsTag } from './posts.openapi';
import { PostsService } from './posts.service';

/**
 * `/users/{id}/posts` lives under the users path but belongs to posts. `users/:id` (the users
 * controller) matches a whole path only, so the two routes never clash.
 */
@ApiPostsTag()
@Controller('users/:id/posts')
export class UserPostsController {
  constructor(private readonly posts: PostsService) {}

  @Get()
  @Public()
  @ApiParam({ name: 'id', format: 'uuid', description: "The author's user id" })
  // A token is optional: the user itself also sees its drafts.
  @ApiSecurity({})
  @ApiBearerAuth(BEARER_AUTH)
  @ApiOperation({
    summary: "A user's posts",
    description:
      'Published posts, newest published first. To the user itself: drafts as well, newest written first.',
  })
  @ApiEnvelope(PostResponse, { paginated: true })
  @ApiErrors(PostAuthorNotFoundError)
  list(
    @Param('id', ParseIdPipe) id: string,
    @CurrentUser() caller: AuthUser | undefined,
    @Query() query: PaginationQueryDto,
  ): Promise<Page<PostResponse>> {
    return this.posts.listByAuthor(id, caller, query.limit, query.cursor);
  }
}
