import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/database/database';
import { UnexpectedRowError } from '../../src/database/raw-rows';
import { PostsRepository } from '../../src/modules/posts/posts.repository';
import type { NewPost, PostListRow } from '../../src/modules/posts/posts.repository';
import { UsersRepository } from '../../src/modules/users/users.repository';
import { LOCK_NOT_AVAILABLE, openRepositoryDatabase } from '../support/repository-database';
import type { RepositoryDatabase } from '../support/repository-database';

const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

describe(PostsRepository.name, () => {
  const posts = new PostsRepository();
  const users = new UsersRepository();
  let database: RepositoryDatabase;
  let pool: Db;
  let authorId: string;
  let counter = 0;

  async function makeAuthor(): Promise<string> {
    counter += 1;
    const user = await users.insert(pool, {
      email: `author${counter}@example.com`,
      username: `author${counter}`,
      passwordHash: 'not a real hash',
    });
    return user.id;
  }

  function newPost(overrides: Partial<NewPost> = {}): NewPost {
    const id = randomUUID();
    return {
      id,
      title: 'A title',
      content: 'Some content',
      status: 'published',
      tags: [],
      slug: `a-title-${id}`,
      authorId,
      ...overrides,
    };
  }

  /** Sets a post's timestamps by hand, to the microsecond, to build keyset edge cases. */
  async function stamp(id: string, column: 'published_at' | 'created_at', at: string): Promise<void> {
    await pool.query(`UPDATE posts SET ${column} = $2::timestamptz WHERE id = $1`, [id, at]);
  }

  /** Walks every page of `size` rows, the way the service does (`take` one more than it shows). */
  async function walk(filter: Parameters<PostsRepository['list']>[1], size: number): Promise<string[]> {
    const seen: string[] = [];
    let after: { sortKey: string; id: string } | undefined;
    for (;;) {
      const rows: PostListRow[] = await posts.list(pool, filter, after, size + 1);
      const page = rows.slice(0, size);
      seen.push(...page.map((row) => row.post.id));
      if (rows.length <= size || seen.length > 100) {
        return seen;
      }
      const last = page[page.length - 1];
      after = { sortKey: last.sortKey, id: last.post.id };
    }
  }

  beforeAll(async () => {
    database = await openRepositoryDatabase();
    pool = database.db.pool;
    authorId = await makeAuthor();
  });

  afterAll(async () => {
    await database.close();
  });

  beforeEach(async () => {
    await pool.query('DELETE FROM posts');
  });

  describe('insert', () => {
    it('returns the new post as a snapshot, timestamps as toISOString() would write them', async () => {
      const values = newPost({ tags: ['go', 'sql'] });
      const inserted = await posts.insert(pool, values);
      expect(inserted).toMatchObject({ id: values.id, tags: ['go', 'sql'], version: 1, authorId });
      for (const at of [inserted.createdAt, inserted.updatedAt, inserted.publishedAt]) {
        expect(at).toMatch(ISO_MILLIS);
        expect(new Date(at as string).toISOString()).toBe(at);
      }
    });

    it('stamps publishedAt only for a published post', async () => {
      const draft = await posts.insert(pool, newPost({ status: 'draft' }));
      expect(draft.publishedAt).toBeNull();
    });
  });

  describe('findById', () => {
    it('reads back exactly what insert returned', async () => {
      const inserted = await posts.insert(pool, newPost());
      await expect(posts.findById(pool, inserted.id)).resolves.toEqual(inserted);
    });

    it('finds neither an unknown nor a deleted post', async () => {
      const inserted = await posts.insert(pool, newPost());
      await posts.softDelete(pool, inserted.id);
      await expect(posts.findById(pool, inserted.id)).resolves.toBeNull();
      await expect(posts.findById(pool, randomUUID())).resolves.toBeNull();
    });
  });

  describe('lockWithAuthor', () => {
    it("returns the post with its author's username, and holds its row until the transaction ends", async () => {
      const inserted = await posts.insert(pool, newPost());
      await database.db.transaction(async (tx) => {
        const found = await posts.lockWithAuthor(tx, inserted.id);
        expect(found).toEqual({ post: inserted, authorUsername: 'author1' });
        await expect(
          database.db.transaction((other) =>
            other.query('SELECT id FROM posts WHERE id = $1 FOR UPDATE NOWAIT', [inserted.id]),
          ),
        ).rejects.toMatchObject({ driverError: { code: LOCK_NOT_AVAILABLE } });
      });
      // Released at commit.
      await database.db.transaction((tx) => posts.lockWithAuthor(tx, inserted.id));
    });

    it('finds nothing for a deleted post or one by a deactivated author', async () => {
      const deleted = await posts.insert(pool, newPost());
      await posts.softDelete(pool, deleted.id);
      const other = await makeAuthor();
      const orphan = await posts.insert(pool, newPost({ authorId: other }));
      await users.update(pool, other, { isActive: false });
      await database.db.transaction(async (tx) => {
        await expect(posts.lockWithAuthor(tx, deleted.id)).resolves.toBeNull();
        await expect(posts.lockWithAuthor(tx, orphan.id)).resolves.toBeNull();
      });
    });
  });

  describe('update', () => {
    it('applies only the given fields, moves the version on and returns the post as it is now', async () => {
      const inserted = await posts.insert(pool, newPost({ tags: ['go'] }));
      const updated = await posts.update(pool, inserted.id, { title: 'New', tags: ['rust', 'sql'] });
      expect(updated).toMatchObject({
        title: 'New',
        tags: ['rust', 'sql'],
        content: inserted.content,
        version: 2,
      });
      await expect(posts.findById(pool, inserted.id)).resolves.toEqual(updated);
    });

    it("stamps publishedAt with the database's clock, and clears it", async () => {
      const draft = await posts.insert(pool, newPost({ status: 'draft' }));
      const published = await posts.update(pool, draft.id, { status: 'published', publishedAt: 'now' });
      expect(published?.publishedAt).toMatch(ISO_MILLIS);
      const unpublished = await posts.update(pool, draft.id, { status: 'draft', publishedAt: null });
      expect(unpublished).toMatchObject({ status: 'draft', publishedAt: null, version: 3 });
    });

    it('returns null for a deleted post and changes nothing', async () => {
      const inserted = await posts.insert(pool, newPost());
      await posts.softDelete(pool, inserted.id);
      await expect(posts.update(pool, inserted.id, { title: 'Too late' })).resolves.toBeNull();
    });
  });

  describe('softDelete', () => {
    it('deletes once: true, then false', async () => {
      const inserted = await posts.insert(pool, newPost());
      await expect(posts.softDelete(pool, inserted.id)).resolves.toBe(true);
      await expect(posts.softDelete(pool, inserted.id)).resolves.toBe(false);
    });
  });

  describe('list', () => {
    it('pages through posts that share one publishedAt without a skip or a repeat, ties by id', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const { id } = await posts.insert(pool, newPost());
        await stamp(id, 'published_at', '2026-03-01T10:00:00.123456Z');
        ids.push(id);
      }
      const expected = [...ids].sort().reverse();
      await expect(walk({}, 2)).resolves.toEqual(expected);
      await expect(walk({}, 1)).resolves.toEqual(expected);
    });

    it('keeps the sort key to the microsecond, so posts a microsecond apart are neither lost nor repeated', async () => {
      const times = [
        '2026-03-01T10:00:00.123457Z',
        '2026-03-01T10:00:00.123456Z',
        '2026-03-01T10:00:00.123455Z',
      ];
      const ids: string[] = [];
      for (const at of times) {
        const { id } = await posts.insert(pool, newPost());
        await stamp(id, 'published_at', at);
        ids.push(id);
      }
      const [first] = await posts.list(pool, {}, undefined, 1);
      expect(first.sortKey).toBe(times[0]);
      expect(first.sortKey).toMatch(ISO_MICROS);
      // The first post's time cut to milliseconds (what a Date holds) would skip the other two.
      await expect(walk({}, 1)).resolves.toEqual(ids);
    });

    it('returns nothing after the last post, and exactly `take` rows', async () => {
      for (let i = 0; i < 3; i += 1) {
        await posts.insert(pool, newPost());
      }
      expect(await posts.list(pool, {}, undefined, 2)).toHaveLength(2);
      const all = await posts.list(pool, {}, undefined, 10);
      const last = all[all.length - 1];
      await expect(posts.list(pool, {}, { sortKey: last.sortKey, id: last.post.id }, 10)).resolves.toEqual(
        [],
      );
    });

    it("leaves out drafts, deleted posts and deactivated authors' posts, and joins the username", async () => {
      const shown = await posts.insert(pool, newPost());
      await posts.insert(pool, newPost({ status: 'draft' }));
      const deleted = await posts.insert(pool, newPost());
      await posts.softDelete(pool, deleted.id);
      const gone = await makeAuthor();
      await posts.insert(pool, newPost({ authorId: gone }));
      await users.update(pool, gone, { isActive: false });
      const rows = await posts.list(pool, {}, undefined, 10);
      expect(rows.map((row) => [row.post.id, row.authorUsername])).toEqual([[shown.id, 'author1']]);
    });

    it("an author's own list has drafts too, newest written first, keyed by createdAt", async () => {
      const older = await posts.insert(pool, newPost());
      const draft = await posts.insert(pool, newPost({ status: 'draft' }));
      await stamp(older.id, 'created_at', '2026-01-01T00:00:00.000001Z');
      await stamp(draft.id, 'created_at', '2026-01-02T00:00:00.000002Z');
      // Published later than the draft was written: the own list still orders by createdAt.
      await stamp(older.id, 'published_at', '2026-02-01T00:00:00Z');
      const rows = await posts.list(pool, { authorId, includeDrafts: true }, undefined, 10);
      expect(rows.map((row) => [row.post.id, row.sortKey])).toEqual([
        [draft.id, '2026-01-02T00:00:00.000002Z'],
        [older.id, '2026-01-01T00:00:00.000001Z'],
      ]);
    });

    it('filters by author, tag and full-text query, combined', async () => {
      const other = await makeAuthor();
      const match = await posts.insert(pool, newPost({ tags: ['go'], title: 'Keyset pagination' }));
      await posts.insert(pool, newPost({ tags: ['go'], title: 'Something else' }));
      await posts.insert(pool, newPost({ tags: ['rust'], title: 'Keyset pagination in Rust' }));
      await posts.insert(pool, newPost({ tags: ['go'], title: 'Keyset pagination', authorId: other }));
      const rows = await posts.list(pool, { authorId, tag: 'go', q: 'pagination' }, undefined, 10);
      expect(rows.map((row) => row.post.id)).toEqual([match.id]);
    });
  });

  describe('rows that do not have the promised shape', () => {
    it('are refused where they enter, naming the statement and the column, never the value', async () => {
      const inserted = await posts.insert(pool, newPost());
      const {
        authorId: author_id,
        publishedAt: published_at,
        createdAt: created_at,
        updatedAt: updated_at,
        ...same
      } = inserted;
      // The row as the statement really returns it; then one column at a time goes wrong.
      const row = { ...same, author_id, published_at, created_at, updated_at };
      const faithful = { query: () => Promise.resolve([row]) } as unknown as Db;
      await expect(posts.findById(faithful, inserted.id)).resolves.toEqual(inserted);
      // A database that answers another shape (a column retyped under the code, say).
      const retyped = { query: () => Promise.resolve([{ ...row, version: 'one' }]) } as unknown as Db;
      await expect(posts.findById(retyped, inserted.id)).rejects.toThrow(
        new UnexpectedRowError('posts.findById', 'column "version" is not of type integer'),
      );
      const renamed = {
        query: () => Promise.resolve([{ ...row, tags: undefined, labels: [] }]),
      } as unknown as Db;
      await expect(posts.findById(renamed, inserted.id)).rejects.toThrow(
        /column "tags" is not of type string array/,
      );
      const unknownStatus = {
        query: () => Promise.resolve([{ ...row, status: 'archived' }]),
      } as unknown as Db;
      await expect(posts.findById(unknownStatus, inserted.id)).rejects.toThrow(
        /"status" is not a post status/,
      );
    });
  });
});
