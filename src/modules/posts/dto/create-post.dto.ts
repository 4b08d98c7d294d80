import { IsOptional } from 'class-validator';
import type { PostStatus } from '../post.entity';
import { IsPostContent, IsPostStatus, IsPostTags, IsPostTitle } from './post-fields';

export class CreatePostDto {
  @IsPostTitle()
  title: string;

  @IsPostContent()
  content: string;

  /** A new post is a draft unless it says otherwise. */
  @IsOptional()
  @IsPostStatus()
  status?: PostStatus;

  @IsOptional()
  @IsPostTags()
  tags?: string[];
}
