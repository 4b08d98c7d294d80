import { Injectable } from '@nestjs/common';
import type { Db, Transaction } from '../../database/database';
import { parseRows, rowsOfWrite, UnexpectedRowError } from '../../database/raw-rows';
import type { RowOf } from '../../database/raw-rows';
import type { Post, PostStatus } from './post.entity';

/**
 * What every read of a post returns: its own fields as the API shows them (timestamps as ISO
 * strings, so it survives a cache round trip as JSON). The author is kept by id only, so a cached
 * post never holds a username that a rename made stale.
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

/** A post read together with its (active) author's username, in the same statement. */
export interface AuthoredPost {
  post: PostSnapshot;
  authorUsername: string;
}

export interface PostListRow extends AuthoredPost {
  /** The sort column with its full microsecond precision, which a JS Date would cut to milliseconds. */
  sortKey: string;
}

export type NewPost = Pick<Post, 'id' | 'title' | 'content' | 'status' | 'tags' | 'slug' | 'authorId'>;

/** `publishedAt: 'now'` stamps the database's clock, with the microseconds the keyset sorts on. */
export interface PostChanges {
  title?: string;
  content?: string;
  tags?: string[];
  slug?: string;
  status?: PostStatus;
  publishedAt?: 'now' | null;
}

export interface PostListFilter {
  authorId?: string;
  tag?: string;
  q?: string;
  /** The author's own list: drafts too, newest written first (`createdAt`), not newest published. */
  includeDrafts?: boolean;
}

const UTC_MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
/** `Date.prototype.toISOString()` of a timestamptz (both truncate to milliseconds; null stays null). */
const isoMillis = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A post's own columns as a PostSnapshot shows them, from a table aliased `p`. */
const SNAPSHOT_COLUMNS = [
  'p.id',
  'p.title',
  'p.content',
  'p.status',
  'p.tags',
  'p.slug',
  'p.author_id',
  'p.version',
  `${isoMillis('p.published_at')} AS published_at`,
  `${isoMillis('p.created_at')} AS created_at`,
  `${isoMillis('p.updated_at')} AS updated_at`,
].join(', ');

const SNAPSHOT_ROW = {
  id: 'string',
  title: 'string',
  content: 'string',
  status: 'string',
  tags: 'string array',
  slug: 'string',
  author_id: 'string',
  version: 'integer',
  published_at: 'string or null',
  created_at: 'string',
  updated_at: 'string',
} as const;

const AUTHORED_ROW = { ...SNAPSHOT_ROW, author_username: 'string' } as const;
const LIST_ROW = { ...AUTHORED_ROW, sort_key: 'string' } as const;

const POST_STATUSES: readonly string[] = ['draft', 'published'] satisfies PostStatus[];

function toSnapshot(statement: string, row: RowOf<typeof SNAPSHOT_ROW>): PostSnapshot {
  if (!POST_STATUSES.includes(row.status)) {
    throw new UnexpectedRowError(statement, 'column "status" is not a post status');
  }
  return {
    id: row.id,
    title: row.title,
    content: row.content,
    status: row.status as PostStatus,
    tags: row.tags,
    slug: row.slug,
    authorId: row.author_id,
    version: row.version,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Assigns the SET list of an UPDATE from the changes, numbering parameters after `params`. */
function assignments(changes: PostChanges, params: unknown[]): string[] {
  const param = (value: unknown) => `$${params.push(value)}`;
  const set: string[] = [];
  if (changes.title !== undefined) {
    set.push(`title = ${param(changes.title)}`);
  }
  if (changes.content !== undefined) {
    set.push(`content = ${param(changes.content)}`);
  }
  if (changes.tags !== undefined) {
    set.push(`tags = ${param(changes.tags)}::text[]`);
  }
  if (changes.slug !== undefined) {
    set.push(`slug = ${param(changes.slug)}`);
  }
  if (changes.status !== undefined) {
    set.push(`status = ${param(changes.status)}::posts_status`);
  }
  if (changes.publishedAt !== undefined) {
    set.push(`published_at = ${changes.publishedAt === 'now' ? 'now()' : 'NULL'}`);
  }
  return set;
}

/**
 * The statements on `posts`, nothing else. Every method takes where to run (`Db`) first; a read
 * returns `PostSnapshot`s (or `AuthoredPost`s when it joins the author), every row checked.
 *
 * Written as SQL rather than built with the query builder, which cost more CPU per request than
 * the rest of the request: only the columns a post shows, timestamps formatted by the database (no
 * entity hydration, no Date parsing on the hottest queries of the API).
 */
@Injectable()
export class PostsRepository {
  /** Inserts and returns the new row in one statement (`publishedAt` from the database's clock). */
  async insert(db: Db, values: NewPost): Promise<PostSnapshot> {
    const rows: unknown = await db.query(
      `INSERT INTO posts AS p (id, title, content, status, tags, slug, author_id, published_at)
       VALUES ($1, $2, $3, $4::posts_status, $5::text[], $6, $7,
         CASE WHEN $4::posts_status = 'published' THEN now() END)
       RETURNING ${SNAPSHOT_COLUMNS}`,
      [values.id, values.title, values.content, values.status, values.tags, values.slug, values.authorId],
    );
    const [row] = parseRows('posts.insert', SNAPSHOT_ROW, rows);
    return toSnapshot('posts.insert', row);
  }

  /** A post that is not deleted, whoever wrote it. */
  async findById(db: Db, id: string): Promise<PostSnapshot | null> {
    const rows: unknown = await db.query(
      `SELECT ${SNAPSHOT_COLUMNS} FROM posts p WHERE p.id = $1::uuid AND p.deleted_at IS NULL`,
      [id],
    );
    const [row] = parseRows('posts.findById', SNAPSHOT_ROW, rows);
    return row ? toSnapshot('posts.findById', row) : null;
  }

  /**
   * The post with its author's username, its row locked until the transaction ends, so the checks
   * a write makes on it still hold when the write commits. Null when it is deleted or its author
   * deactivated (such a post is invisible to every read).
   */
  async lockWithAuthor(tx: Transaction, id: string): Promise<AuthoredPost | null> {
    const rows: unknown = await tx.query(
      `SELECT ${SNAPSHOT_COLUMNS}, u.username AS author_username
       FROM posts p INNER JOIN users u ON u.id = p.author_id AND u.is_active
       WHERE p.id = $1::uuid AND p.deleted_at IS NULL
       FOR UPDATE OF p`,
      [id],
    );
    const [row] = parseRows('posts.lockWithAuthor', AUTHORED_ROW, rows);
    return row
      ? { post: toSnapshot('posts.lockWithAuthor', row), authorUsername: row.author_username }
      : null;
  }

  /** Applies the changes and moves the version on; the post as it is now, or null if it is gone. */
  async update(db: Db, id: string, changes: PostChanges): Promise<PostSnapshot | null> {
    const params: unknown[] = [id];
    const set = [...assignments(changes, params), 'version = version + 1', 'updated_at = now()'];
    const result: unknown = await db.query(
      `UPDATE posts AS p SET ${set.join(', ')}
       WHERE p.id = $1::uuid AND p.deleted_at IS NULL
       RETURNING ${SNAPSHOT_COLUMNS}`,
      params,
    );
    const [row] = parseRows('posts.update', SNAPSHOT_ROW, rowsOfWrite('posts.update', result));
    return row ? toSnapshot('posts.update', row) : null;
  }

  /** Soft delete (the version moves on too); false when the post was already gone. */
  async softDelete(db: Db, id: string): Promise<boolean> {
    const result: unknown = await db.query(
      `UPDATE posts SET deleted_at = now(), version = version + 1
       WHERE id = $1::uuid AND deleted_at IS NULL
       RETURNING id`,
      [id],
    );
    return (
      parseRows('posts.softDelete', { id: 'string' }, rowsOfWrite('posts.softDelete', result)).length > 0
    );
  }

  /**
   * One keyset page, newest first, with each author's username joined by table name (one indexed
   * statement; posts of deactivated authors are left out). Fetches `take` rows after `after`.
   */
  async list(
    db: Db,
    filter: PostListFilter,
    after: { sortKey: string; id: string } | undefined,
    take: number,
  ): Promise<PostListRow[]> {
    const sortColumn = filter.includeDrafts ? 'p.created_at' : 'p.published_at';
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = ['p.deleted_at IS NULL'];
    if (!filter.includeDrafts) {
      where.push(`p.status = 'published'`);
    }
    if (filter.authorId !== undefined) {
      where.push(`p.author_id = ${param(filter.authorId)}::uuid`);
    }
    if (filter.tag !== undefined) {
      where.push(`p.tags @> ${param([filter.tag])}::text[]`);
    }
    if (filter.q !== undefined) {
      where.push(`p.search_vector @@ websearch_to_tsquery('english', ${param(filter.q)})`);
    }
    if (after) {
      where.push(`(${sortColumn}, p.id) < (${param(after.sortKey)}::timestamptz, ${param(after.id)}::uuid)`);
    }
    const rows: unknown = await db.query(
      `SELECT ${SNAPSHOT_COLUMNS}, u.username AS author_username,
         to_char(${sortColumn} AT TIME ZONE 'UTC', ${UTC_MICROS}) AS sort_key
       FROM posts p INNER JOIN users u ON u.id = p.author_id AND u.is_active
       WHERE ${where.join(' AND ')}
       ORDER BY ${sortColumn} DESC, p.id DESC
       LIMIT ${param(take)}`,
      params,
    );
    return parseRows('posts.list', LIST_ROW, rows).map((row) => ({
      post: toSnapshot('posts.list', row),
      authorUsername: row.author_username,
      sortKey: row.sort_key,
    }));
  }
}
