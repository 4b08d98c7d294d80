import type { PostStatus } from '../post.entity';
import { IfPresent } from '../../../common/pipes/field-rules';
import { IsPostContent, IsPostStatus, IsPostTags, IsPostTitle } from './post-fields';

/** Every field optional; any other field (author, slug, timestamps…) is a 422. */
export class UpdatePostDto {
  @IfPresent()
  @IsPostTitle({ required: false })
  title?: string;

  @IfPresent()
  @IsPostContent({ required: false })
  content?: string;

  @IfPresent()
  @IsPostStatus()
  status?: PostStatus;

  @IfPresent()
  @IsPostTags()
  tags?: string[];
}
