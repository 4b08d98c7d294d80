import { randomBytes } from 'node:crypto';
import type { TestAccount } from './support/accounts';
import { ADMIN_ENV, bearer, signInAdmin, signUp } from './support/accounts';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

interface Item {
  id: string;
  title: string;
  status: string;
  publishedAt: string | null;
}

const word = () => `w${randomBytes(4).toString('hex')}`;

describe('Post lists', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
  });

  afterAll(async () => {
    await t.close();
  });

  async function write(author: TestAccount, body: Record<string, unknown>): Promise<Item> {
    const res = await t
      .http()
      .post('/api/v1/posts')
      .set(...bearer(author))
      .send({ content: 'Some words', status: 'published', ...body })
      .expect(201);
    return res.body.data as Item;
  }

  /** Titles `p1`…`pN`, published in that order: newest first means `pN` first. */
  async function writeMany(author: TestAccount, count: number, extra: Record<string, unknown> = {}) {
    const posts: Item[] = [];
    for (let n = 1; n <= count; n += 1) {
      posts.push(await write(author, { title: `p${n}`, ...extra }));
    }
    return posts;
  }

  /** Every page of a list, following nextCursor; checks each page's meta on the way. */
  async function walk(path: string, query: Record<string, unknown>, token?: TestAccount) {
    const pages: Item[][] = [];
    let cursor: string | undefined;
    for (;;) {
      const req = t
        .http()
        .get(path)
        .query(cursor === undefined ? query : { ...query, cursor });
      const res = await (token ? req.set(...bearer(token)) : req).expect(200);
      pages.push(res.body.data);
      const { hasMore, nextCursor } = res.body.meta;
      expect(typeof nextCursor === 'string').toBe(hasMore);
      if (!hasMore) {
        return pages;
      }
      cursor = nextCursor;
    }
  }

  const titles = (pages: Item[][]) => pages.map((page) => page.map((item) => item.title));

  it('lists published posts newest first, with an exact hasMore and a null cursor at the end', async () => {
    const author = await signUp(t);
    await writeMany(author, 5);
    expect(titles(await walk('/api/v1/posts', { authorId: author.id, limit: 2 }))).toEqual([
      ['p5', 'p4'],
      ['p3', 'p2'],
      ['p1'],
    ]);
    const exact = await t.http().get('/api/v1/posts').query({ authorId: author.id, limit: 5 }).expect(200);
    expect(exact.body.meta).toEqual({ hasMore: false, nextCursor: null, limit: 5 });
  });

  it('defaults to 20 per page', async () => {
    const res = await t.http().get('/api/v1/posts').expect(200);
    expect(res.body.meta.limit).toBe(20);
  });

  it('never lists drafts, and orders by when a post was published', async () => {
    const author = await signUp(t);
    const early = await write(author, { title: 'written first', status: 'draft' });
    await write(author, { title: 'published first' });
    await write(author, { title: 'still a draft', status: 'draft' });
    await t
      .http()
      .patch(`/api/v1/posts/${early.id}`)
      .set(...bearer(author))
      .send({ status: 'published' })
      .expect(200);
    expect(titles(await walk('/api/v1/posts', { authorId: author.id }))).toEqual([
      ['written first', 'published first'],
    ]);
  });

  it('keeps a cursor valid when the row it points past is deleted', async () => {
    const author = await signUp(t);
    const posts = await writeMany(author, 4);
    const first = await t.http().get('/api/v1/posts').query({ authorId: author.id, limit: 2 }).expect(200);
    expect(first.body.data.map((item: Item) => item.title)).toEqual(['p4', 'p3']);
    await t
      .http()
      .delete(`/api/v1/posts/${posts[2].id}`)
      .set(...bearer(author))
      .expect(204);
    const next = await t
      .http()
      .get('/api/v1/posts')
      .query({ authorId: author.id, limit: 2, cursor: first.body.meta.nextCursor })
      .expect(200);
    expect(next.body.data.map((item: Item) => item.title)).toEqual(['p2', 'p1']);
    expect(next.body.meta.hasMore).toBe(false);
  });

  it('refuses a cursor it did not issue with a 422 on cursor', async () => {
    const author = await signUp(t);
    await writeMany(author, 2);
    const page = await t.http().get('/api/v1/posts').query({ authorId: author.id, limit: 1 }).expect(200);
    const cursor: string = page.body.meta.nextCursor;
    const [payload, signature] = cursor.split('.');
    const admin = await signInAdmin(t);
    const users = await t
      .http()
      .get('/api/v1/users')
      .query({ limit: 1 })
      .set(...bearer(admin))
      .expect(200);
    const damaged = [
      'garbage',
      `${payload}.${signature.slice(0, -2)}xx`,
      `${Buffer.from('["posts","2020-01-01T00:00:00.000000Z","x"]').toString('base64url')}.${signature}`,
      users.body.meta.nextCursor as string,
    ];
    for (const bad of damaged) {
      const res = await t.http().get('/api/v1/posts').query({ cursor: bad }).expect(422);
      expect(res.body.error.details).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    }
  });

  it.each([['0'], ['101'], ['abc'], ['1.5']])('refuses limit=%s with a 422 on limit', async (limit) => {
    const res = await t.http().get('/api/v1/posts').query({ limit }).expect(422);
    expect(new Set(res.body.error.details.map((detail: { field: string }) => detail.field))).toEqual(
      new Set(['limit']),
    );
  });

  it('refuses a malformed authorId and an unknown filter', async () => {
    await t.http().get('/api/v1/posts').query({ authorId: 'nope' }).expect(422);
    await t.http().get('/api/v1/posts').query({ sort: 'oldest' }).expect(422);
  });

  it('filters by tag, in any case, across pages', async () => {
    const author = await signUp(t);
    const tag = word();
    await writeMany(author, 3, { tags: [tag] });
    await write(author, { title: 'untagged' });
    expect(titles(await walk('/api/v1/posts', { tag: tag.toUpperCase(), limit: 2 }))).toEqual([
      ['p3', 'p2'],
      ['p1'],
    ]);
  });

  it('searches title and content as full text (stemmed), across pages and with other filters', async () => {
    const author = await signUp(t);
    const other = await signUp(t);
    const term = word();
    await write(author, { title: `${term} running`, content: 'first' });
    await write(author, { title: 'second', content: `about ${term} and runs` });
    await write(author, { title: 'third', content: 'nothing to see' });
    await write(other, { title: `${term} runner`, content: 'elsewhere' });
    expect(titles(await walk('/api/v1/posts', { q: `${term} run`, authorId: author.id, limit: 1 }))).toEqual([
      ['second'],
      [`${term} running`],
    ]);
    // Web-search syntax: a leading minus excludes a word.
    expect(titles(await walk('/api/v1/posts', { q: `${term} -runner` }))).toEqual([
      ['second', `${term} running`],
    ]);
  });

  it("leaves a deactivated author's posts out of every list, and brings them back on reactivation", async () => {
    const admin = await signInAdmin(t);
    const author = await signUp(t);
    const tag = word();
    const post = await write(author, { title: `${tag} by the author`, tags: [tag] });
    const ids = async (query: Record<string, unknown>) =>
      (await walk('/api/v1/posts', { ...query, limit: 100 })).flat().map((item) => item.id);
    const setActive = (isActive: boolean) =>
      t
        .http()
        .patch(`/api/v1/users/${author.id}`)
        .set(...bearer(admin))
        .send({ isActive })
        .expect(200);

    expect(await ids({ tag })).toEqual([post.id]);
    await setActive(false);
    expect(await ids({ tag })).toEqual([]);
    expect(await ids({ q: tag })).toEqual([]);
    expect(await ids({ authorId: author.id })).toEqual([]);
    expect(await ids({})).not.toContain(post.id);
    await t.http().get(`/api/v1/users/${author.id}/posts`).expect(404);
    await t.http().get(`/api/v1/posts/${post.id}`).expect(404);
    await setActive(true);
    expect(await ids({ tag })).toEqual([post.id]);
  });

  describe('of one user', () => {
    it("shows the user's published posts to anyone, and drafts too to the user itself", async () => {
      const author = await signUp(t);
      const stranger = await signUp(t);
      await write(author, { title: 'public one' });
      await write(author, { title: 'private one', status: 'draft' });
      await write(author, { title: 'public two' });
      const path = `/api/v1/users/${author.id}/posts`;
      expect(titles(await walk(path, {}))).toEqual([['public two', 'public one']]);
      expect(titles(await walk(path, {}, stranger))).toEqual([['public two', 'public one']]);
      expect(titles(await walk(path, { limit: 2 }, author))).toEqual([
        ['public two', 'private one'],
        ['public one'],
      ]);
    });

    it('is a 404 for an unknown user and a 422 for a malformed id', async () => {
      await t.http().get('/api/v1/users/6f1c6d1e-0000-4000-8000-000000000001/posts').expect(404);
      const res = await t.http().get('/api/v1/users/nope/posts').expect(422);
      expect(res.body.error.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    });

    it("does not take the user's own cursor on the public list", async () => {
      const author = await signUp(t);
      await writeMany(author, 2);
      const own = await t
        .http()
        .get(`/api/v1/users/${author.id}/posts`)
        .query({ limit: 1 })
        .set(...bearer(author))
        .expect(200);
      await t.http().get('/api/v1/posts').query({ cursor: own.body.meta.nextCursor }).expect(422);
    });
  });
});
