import type { PostAuthorResponse, PostResponse } from './dto/post.response';
import type { PostSnapshot } from './posts.repository';

/** Names each field, so a new column never leaks by accident; the author is exactly id and username. */
export function toPostResponse(post: PostSnapshot, author: PostAuthorResponse): PostResponse {
  return {
    id: post.id,
    title: post.title,
    content: post.content,
    status: post.status,
    tags: post.tags,
    slug: post.slug,
    author: { id: author.id, username: author.username },
    publishedAt: post.publishedAt,
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
  };
}
