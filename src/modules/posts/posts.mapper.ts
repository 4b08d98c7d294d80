import type { PostAuthorResponse, PostResponse } from './dto/post.response';
import type { Post, PostStatus } from './post.entity';

/**
 * A post's own fields, as JSON survives a cache round trip (dates as ISO strings). The author is
 * kept by id only, so a cached post never holds a username that a rename made stale.
 */
export interface PostSnapshot {
  id: string;
  title: string;
  content: string;
  status: PostStatus;
  tags: string[];
  slug: string;
  authorId: string;
  version: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toPostSnapshot(post: Post): PostSnapshot {
  return {
    id: post.id,
    title: post.title,
    content: post.content,
    status: post.status,
    tags: post.tags,
    slug: post.slug,
    authorId: post.authorId,
    version: post.version,
    publishedAt: post.publishedAt?.toISOString() ?? null,
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
  };
}

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
