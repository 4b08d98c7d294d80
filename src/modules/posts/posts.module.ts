import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { PostsController } from './posts.controller';
import { PostsRepository } from './posts.repository';
import { PostsService } from './posts.service';
import { UserPostsController } from './user-posts.controller';

/** Posts: drafts, publishing, keyset lists with search. Authors come from UsersService only. */
@Module({
  imports: [UsersModule],
  controllers: [PostsController, UserPostsController],
  providers: [PostsService, PostsRepository],
  exports: [PostsService],
})
export class PostsModule {}
