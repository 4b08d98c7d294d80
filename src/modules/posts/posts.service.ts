import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../auth/auth-user';
import { ResourceCache } from '../../common/cache/resource-cache';
import { canonicalId } from '../../common/pipes/canonical-id';
import type { Page } from '../../common/http/page';
import { CursorCodec } from '../../common/pagination/cursor-codec';
import { toKeysetPage } from '../../common/pagination/keyset-page';
import { Database } from '../../database/database';
import type { Transaction } from '../../database/database';
import { UsersService } from '../users/users.service';
import type { PostAuthorResponse, PostResponse } from './dto/post.response';
import { etagOf, matchesIfMatch } from './post-etag';
import { normalizeTags, slugify } from './post-text';
import type { PostStatus } from './post.entity';
import {
  NotPostAuthorError,
  PostAuthorNotFoundError,
  PostNotFoundError,
  PostVersionMismatchError,
} from './posts.errors';
import { toPostResponse } from './posts.mapper';
import { PostsRepository } from './posts.repository';
import type { PostChanges, PostListFilter, PostListRow, PostSnapshot } from './posts.repository';

/** Published lists share one order (publishedAt, id); an author's own list has another. */
const FEED_SCOPE = 'posts';
const OWN_SCOPE = 'posts:own';
/** How many ETags `withAuthor` remembers (about 200 bytes each); the oldest goes first. */
const ETAG_MEMO_SIZE = 10_000;

export interface PostInput {
  title: string;
  content: string;
  status?: PostStatus;
  tags?: string[];
}

export type PostUpdate = Partial<PostInput>;

/** A post as one caller sees it, with the strong ETag of exactly that representation. */
export interface PostView {
  post: PostResponse;
  etag: string;
}

export function postCacheKey(id: string): string {
  return `post:${canonicalId(id)}`;
}

@Injectable()
export class PostsService {
  /**
   * ETags of recent representations, keyed by what determines them: the post's id and version
   * (which every write moves on), its timestamps and its author's username. Built from values,
   * not object identity, so it holds for entries that come back from Redis as new objects.
   */
  private readonly etags = new Map<string, string>();

  constructor(
    private readonly posts: PostsRepository,
    private readonly users: UsersService,
    private readonly cursors: CursorCodec,
    private readonly cache: ResourceCache,
    private readonly db: Database,
  ) {}

  async create(caller: AuthUser, input: PostInput): Promise<PostView> {
    const id = randomUUID();
    const inserted = await this.posts.insert(this.db.pool, {
      id,
      title: input.title,
      content: input.content,
      status: input.status ?? 'draft',
      tags: normalizeTags(input.tags ?? []),
      slug: slugify(input.title, id),
      authorId: caller.id,
    });
    return this.viewOf(inserted);
  }

  /**
   * A published post (through the cache: every caller sees it alike), or the caller's own draft
   * (never cached). Anyone else's draft, and a post by a deactivated author, is a 404.
   */
  async getVisible(id: string, viewer: AuthUser | undefined): Promise<PostView> {
    const published = await this.cache.read(postCacheKey(id), async () => {
      const post = await this.posts.findById(this.db.pool, id);
      return post?.status === 'published' ? post : null;
    });
    if (published) {
      return this.viewOf(published);
    }
    // The cache keeps only published posts: a draft (or no post) is read again, uncached.
    const post = await this.posts.findById(this.db.pool, id);
    if (!post || (post.status !== 'published' && post.authorId !== viewer?.id)) {
      throw new PostNotFoundError();
    }
    return this.viewOf(post);
  }

  /**
   * Checks and writes under the post's row lock, in one transaction: with `ifMatch`, of two racing
   * writes with one ETag exactly one succeeds (the other sees the new version: 412); without it,
   * they apply one after the other.
   */
  async update(id: string, caller: AuthUser, input: PostUpdate, ifMatch?: string): Promise<PostView> {
    const { view, changed } = await this.db.transaction(async (tx) => {
      const current = await this.lockForWrite(tx, id, caller, ifMatch);
      const changes = changesFor(current.post, input);
      if (Object.keys(changes).length === 0) {
        return { view: current.view, changed: false };
      }
      const updated = await this.posts.update(tx, id, changes);
      if (!updated) {
        throw new PostNotFoundError();
      }
      return { view: this.withAuthor(updated, current.view.post.author), changed: true };
    });
    if (changed) {
      await this.cache.invalidate(postCacheKey(id));
    }
    return view;
  }

  /** Soft delete under the same lock and checks as `update`. */
  async remove(id: string, caller: AuthUser, ifMatch?: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.lockForWrite(tx, id, caller, ifMatch);
      await this.posts.softDelete(tx, id);
    });
    await this.cache.invalidate(postCacheKey(id));
  }

  /** `GET /posts`: published posts only, newest first; the filters combine with the cursor. */
  async listPublished(
    filter: Omit<PostListFilter, 'includeDrafts'>,
    limit: number,
    cursor?: string,
  ): Promise<Page<PostResponse>> {
    return this.listPage({ ...filter, includeDrafts: false }, FEED_SCOPE, limit, cursor);
  }

  /** One user's published posts; to the user itself, its drafts as well. */
  async listByAuthor(
    authorId: string,
    viewer: AuthUser | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<PostResponse>> {
    if (!(await this.users.findPublicProfile(authorId))) {
      throw new PostAuthorNotFoundError();
    }
    const own = viewer?.id === authorId;
    return this.listPage({ authorId, includeDrafts: own }, own ? OWN_SCOPE : FEED_SCOPE, limit, cursor);
  }

  private async listPage(
    filter: PostListFilter,
    scope: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<PostResponse>> {
    const after = cursor === undefined ? undefined : this.cursors.decode(scope, cursor);
    const rows = await this.posts.list(
      this.db.pool,
      filter,
      after && { sortKey: after.sortValue, id: after.id },
      limit + 1,
    );
    return toKeysetPage(
      rows,
      limit,
      (row: PostListRow) => ({ sortValue: row.sortKey, id: row.post.id }),
      (position) => this.cursors.encode(scope, position),
      (row) => toPostResponse(row.post, { id: row.post.authorId, username: row.authorUsername }),
    );
  }

  /**
   * The post a caller may change, locked, with its current representation (the author from the
   * same statement, so nothing else is read while the lock is held). Someone else's draft stays
   * invisible (404) to all but admins; someone else's published post is a 403. A stale `ifMatch`
   * is a 412, checked only once the caller is known to be allowed.
   */
  private async lockForWrite(
    tx: Transaction,
    id: string,
    caller: AuthUser,
    ifMatch: string | undefined,
  ): Promise<{ post: PostSnapshot; view: PostView }> {
    const found = await this.posts.lockWithAuthor(tx, id);
    if (!found) {
      throw new PostNotFoundError();
    }
    const { post } = found;
    if (post.authorId !== caller.id && caller.role !== 'admin') {
      throw post.status === 'draft' ? new PostNotFoundError() : new NotPostAuthorError();
    }
    const view = this.withAuthor(post, { id: post.authorId, username: found.authorUsername });
    if (ifMatch !== undefined && !matchesIfMatch(ifMatch, view.etag)) {
      throw new PostVersionMismatchError();
    }
    return { post, view };
  }

  /** The author comes from the users module's cached profile, so a rename shows at once. */
  private async viewOf(snapshot: PostSnapshot): Promise<PostView> {
    const author = await this.users.findPublicProfile(snapshot.authorId);
    if (!author) {
      throw new PostNotFoundError();
    }
    return this.withAuthor(snapshot, author);
  }

  private withAuthor(snapshot: PostSnapshot, author: PostAuthorResponse): PostView {
    const post = toPostResponse(snapshot, author);
    const { id, version, publishedAt, createdAt, updatedAt } = snapshot;
    const key = [id, version, publishedAt, createdAt, updatedAt, author.username].join('\u0000');
    let etag = this.etags.get(key);
    if (etag === undefined) {
      etag = etagOf(post);
      if (this.etags.size >= ETAG_MEMO_SIZE) {
        this.etags.delete(this.etags.keys().next().value as string);
      }
      this.etags.set(key, etag);
    }
    return { post, etag };
  }
}

/** Only what differs from the stored post; a title change renames the slug (its id suffix stays). */
export function changesFor(post: PostSnapshot, input: PostUpdate): PostChanges {
  const changes: PostChanges = {};
  if (input.title !== undefined && input.title !== post.title) {
    changes.title = input.title;
    changes.slug = slugify(input.title, post.id);
  }
  if (input.content !== undefined && input.content !== post.content) {
    changes.content = input.content;
  }
  if (input.tags !== undefined) {
    const tags = normalizeTags(input.tags);
    if (tags.join('\u0000') !== post.tags.join('\u0000')) {
      changes.tags = tags;
    }
  }
  if (input.status !== undefined && input.status !== post.status) {
    changes.status = input.status;
    // A draft's publishedAt is null; publishing (again) stamps the moment it went out.
    changes.publishedAt = input.status === 'published' ? 'now' : null;
  }
  return changes;
}
