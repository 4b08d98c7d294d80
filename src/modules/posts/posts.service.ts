import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ResourceCache } from '../../common/cache/resource-cache';
import { canonicalId } from '../../common/pipes/canonical-id';
import type { Page } from '../../common/http/page';
import { CursorCodec } from '../../common/pagination/cursor-codec';
import { toKeysetPage } from '../../common/pagination/keyset-page';
import { UsersService } from '../users/users.service';
import type { PostAuthorResponse, PostResponse } from './dto/post.response';
import { etagOf, matchesIfMatch } from './post-etag';
import { normalizeTags, slugify } from './post-text';
import type { Post, PostStatus } from './post.entity';
import {
  NotPostAuthorError,
  PostAuthorNotFoundError,
  PostNotFoundError,
  PostVersionMismatchError,
} from './posts.errors';
import { toPostResponse, toPostSnapshot } from './posts.mapper';
import type { PostSnapshot } from './posts.mapper';
import { PostsRepository } from './posts.repository';
import type { PostChanges, PostListFilter, PostListRow } from './posts.repository';

/** Published lists share one order (publishedAt, id); an author's own list has another. */
const FEED_SCOPE = 'posts';
const OWN_SCOPE = 'posts:own';
/** Without If-Match, a PATCH that loses a race re-reads and tries again, this many times. */
const UPDATE_ATTEMPTS = 3;

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
  /** Views of cached (frozen) snapshots, dropped with them by the garbage collector. */
  private readonly views = new WeakMap<PostSnapshot, { author: PostAuthorResponse; view: PostView }>();

  constructor(
    private readonly posts: PostsRepository,
    private readonly users: UsersService,
    private readonly cursors: CursorCodec,
    private readonly cache: ResourceCache,
    private readonly dataSource: DataSource,
  ) {}

  async create(caller: AuthUser, input: PostInput): Promise<PostView> {
    const id = randomUUID();
    const inserted = await this.posts.insert({
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
    let loaded: Post | null | undefined;
    const published = await this.cache.read(postCacheKey(id), async () => {
      loaded = await this.posts.findById(id);
      return loaded?.status === 'published' ? toPostSnapshot(loaded) : null;
    });
    if (published) {
      return this.viewOf(published);
    }
    // The cache keeps no misses, so the loader ran and `loaded` holds the row (or null).
    const post = loaded === undefined ? await this.posts.findById(id) : loaded;
    if (!post || viewer === undefined || post.authorId !== viewer.id) {
      throw new PostNotFoundError();
    }
    return this.viewOf(toPostSnapshot(post));
  }

  /**
   * Honours `ifMatch` as a conditional UPDATE on the version the ETag was computed from: of two
   * racing writes with one ETag, exactly one succeeds. Without it, a lost race is retried.
   */
  async update(id: string, caller: AuthUser, input: PostUpdate, ifMatch?: string): Promise<PostView> {
    for (let attempt = 1; ; attempt += 1) {
      const { post, view } = await this.loadForWrite(id, caller, ifMatch);
      const changes = changesFor(post, input);
      if (Object.keys(changes).length === 0) {
        return view;
      }
      const updated = await this.dataSource.transaction(async (manager) =>
        (await this.posts.updateIfVersion(id, post.version, changes, manager))
          ? this.posts.findById(id, manager)
          : null,
      );
      if (updated) {
        await this.cache.invalidate(postCacheKey(id));
        return this.withAuthor(toPostSnapshot(updated), view.post.author);
      }
      if (ifMatch !== undefined || attempt >= UPDATE_ATTEMPTS) {
        throw (await this.posts.findById(id)) ? new PostVersionMismatchError() : new PostNotFoundError();
      }
    }
  }

  async remove(id: string, caller: AuthUser, ifMatch?: string): Promise<void> {
    const { post } = await this.loadForWrite(id, caller, ifMatch);
    const deleted = await this.posts.softDelete(id, ifMatch === undefined ? undefined : post.version);
    await this.cache.invalidate(postCacheKey(id));
    if (!deleted && ifMatch !== undefined && (await this.posts.findById(id))) {
      throw new PostVersionMismatchError();
    }
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
   * The post a caller may change, with its current representation. Someone else's draft stays
   * invisible (404) to all but admins; someone else's published post is a 403. A stale `ifMatch`
   * is a 412, checked only once the caller is known to be allowed.
   */
  private async loadForWrite(
    id: string,
    caller: AuthUser,
    ifMatch: string | undefined,
  ): Promise<{ post: Post; view: PostView }> {
    const post = await this.mustFind(id);
    const view = await this.viewOf(toPostSnapshot(post));
    if (post.authorId !== caller.id && caller.role !== 'admin') {
      throw post.status === 'draft' ? new PostNotFoundError() : new NotPostAuthorError();
    }
    if (ifMatch !== undefined && !matchesIfMatch(ifMatch, view.etag)) {
      throw new PostVersionMismatchError();
    }
    return { post, view };
  }

  private async mustFind(id: string): Promise<Post> {
    const post = await this.posts.findById(id);
    if (!post) {
      throw new PostNotFoundError();
    }
    return post;
  }

  /** The author comes from the users module's cached profile, so a rename shows at once. */
  private async viewOf(snapshot: PostSnapshot): Promise<PostView> {
    const author = await this.users.findPublicProfile(snapshot.authorId);
    if (!author) {
      throw new PostNotFoundError();
    }
    // The in-process cache hands out the same frozen objects until an entry changes: the same post
    // and the same profile make the same body and ETag, so a hit skips building and hashing them.
    const known = this.views.get(snapshot);
    if (known?.author === author) {
      return known.view;
    }
    const view = this.withAuthor(snapshot, author);
    if (Object.isFrozen(snapshot) && Object.isFrozen(author)) {
      Object.freeze(view.post.author);
      Object.freeze(view.post);
      this.views.set(snapshot, { author, view: Object.freeze(view) });
    }
    return view;
  }

  private withAuthor(snapshot: PostSnapshot, author: PostAuthorResponse): PostView {
    const post = toPostResponse(snapshot, author);
    return { post, etag: etagOf(post) };
  }
}

/** Only what differs from the stored post; a title change renames the slug (its id suffix stays). */
export function changesFor(post: Post, input: PostUpdate): PostChanges {
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
