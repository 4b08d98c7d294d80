import { Pool } from 'pg';
import { CursorCodec } from '../src/common/pagination/cursor-codec';
import type { AppConfig } from '../src/config/app-config';

/**
 * What the two baseline servers share: the same SQL as Strata's feed, the same mapping and the same
 * envelope, so a baseline serves byte-for-byte the JSON Strata serves (the suite checks it) while
 * doing nothing else. Only the read scenarios have baselines.
 */
const FEED_SCOPE = 'posts';
const FEED_SQL = `
  SELECT p.id, p.title, p.content, p.status, p.tags, p.slug, p.author_id, u.username,
         p.published_at, p.created_at, p.updated_at,
         to_char(p.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS sort_key
  FROM posts p JOIN users u ON u.id = p.author_id AND u.is_active
  WHERE p.deleted_at IS NULL AND p.status = 'published'
    AND ($1::timestamptz IS NULL OR (p.published_at, p.id) < ($1::timestamptz, $2::uuid))
  ORDER BY p.published_at DESC, p.id DESC
  LIMIT $3`;
const POST_SQL = `
  SELECT p.id, p.title, p.content, p.status, p.tags, p.slug, p.author_id, u.username,
         p.published_at, p.created_at, p.updated_at
  FROM posts p JOIN users u ON u.id = p.author_id
  WHERE p.id = $1 AND p.deleted_at IS NULL`;

interface PostRow {
  id: string;
  title: string;
  content: string;
  status: string;
  tags: string[];
  slug: string;
  author_id: string;
  username: string;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
  sort_key?: string;
}

function toPost(row: PostRow) {
  return {
    id: row.id,
    title: row.title,
    content: row.content,
    status: row.status,
    tags: row.tags,
    slug: row.slug,
    author: { id: row.author_id, username: row.username },
    publishedAt: row.published_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export type BaselinePost = ReturnType<typeof toPost>;

export function envelope(data: unknown, meta?: unknown): object {
  const body = { success: true, statusCode: 200, message: 'OK', data };
  return meta === undefined ? body : { ...body, meta };
}

export class BaselinePosts {
  private readonly cursors: CursorCodec;
  /** Stands in for Strata's cache: the single read never reaches the database. */
  private readonly cached = new Map<string, BaselinePost>();

  constructor(
    private readonly pool: Pool,
    jwtSecret: string,
  ) {
    this.cursors = new CursorCodec({ jwtSecret } as AppConfig);
  }

  async preload(id: string): Promise<void> {
    const { rows } = await this.pool.query<PostRow>(POST_SQL, [id]);
    if (rows[0]) {
      this.cached.set(id, toPost(rows[0]));
    }
  }

  cachedPost(id: string): BaselinePost | undefined {
    return this.cached.get(id);
  }

  /** A malformed or forged cursor throws, as in Strata (the baselines answer it with a 422). */
  async page(limitParam: string | undefined, cursor: string | undefined): Promise<object> {
    const limit = limitParam === undefined ? 20 : Number(limitParam);
    const after = cursor === undefined ? undefined : this.cursors.decode(FEED_SCOPE, cursor);
    const { rows } = await this.pool.query<PostRow>(FEED_SQL, [
      after?.sortValue ?? null,
      after?.id ?? null,
      limit + 1,
    ]);
    const hasMore = rows.length > limit;
    const pageRows = hasMore ? rows.slice(0, limit) : rows;
    const last = pageRows.at(-1);
    const nextCursor =
      hasMore && last
        ? this.cursors.encode(FEED_SCOPE, { sortValue: last.sort_key ?? '', id: last.id })
        : null;
    return envelope(pageRows.map(toPost), { nextCursor, hasMore, limit });
  }
}

/** The posts of a baseline server as the suite starts it: DATABASE_URL, JWT_SECRET, BENCH_POST_ID. */
export async function baselinePostsFromEnvironment(): Promise<BaselinePosts> {
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DB_POOL_SIZE ?? 10),
  });
  const posts = new BaselinePosts(pool, process.env.JWT_SECRET ?? '');
  await posts.preload(process.env.BENCH_POST_ID ?? '');
  return posts;
}
