import { DataSource } from 'typeorm';
import type { TestAccount } from './support/accounts';
import { ADMIN_ENV, bearer, signInAdmin, signUp, createPost as createPostAs } from './support/accounts';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

const UNKNOWN_ID = '6f1c6d1e-0000-4000-8000-000000000001';

describe('Posts', () => {
  let t: TestApp;
  let alice: TestAccount;
  let bob: TestAccount;
  let admin: TestAccount;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    [alice, bob, admin] = await Promise.all([signUp(t), signUp(t), signInAdmin(t)]);
  });

  afterAll(async () => {
    await t.close();
  });

  const createPost = (author: TestAccount, body: Record<string, unknown> = {}) =>
    createPostAs(t, author, body);

  describe('create', () => {
    it('makes the caller the author and answers 201 with exactly the post fields', async () => {
      const res = await t
        .http()
        .post('/api/v1/posts')
        .set(...bearer(alice))
        .send({
          title: 'Ça va, Postgres?',
          content: 'Body',
          status: 'published',
          tags: [' Go ', 'go', 'SQL'],
        })
        .expect(201);
      expect(res.headers.etag).toMatch(/^"[^"]+"$/);
      const post = res.body.data;
      expect(Object.keys(post).sort()).toEqual(
        [
          'author',
          'content',
          'createdAt',
          'id',
          'publishedAt',
          'slug',
          'status',
          'tags',
          'title',
          'updatedAt',
        ].sort(),
      );
      expect(post).toMatchObject({
        title: 'Ça va, Postgres?',
        status: 'published',
        tags: ['go', 'sql'],
        author: { id: alice.id, username: alice.username },
      });
      expect(Object.keys(post.author).sort()).toEqual(['id', 'username']);
      expect(post.slug).toMatch(/^ca-va-postgres-[0-9a-f]{12}$/);
      expect(new Date(post.publishedAt).toISOString()).toBe(post.publishedAt);
    });

    it('makes a draft by default, with no publishedAt and no tags', async () => {
      const post = await createPost(alice);
      expect(post).toMatchObject({ status: 'draft', publishedAt: null, tags: [] });
    });

    it('needs a token', async () => {
      await t.http().post('/api/v1/posts').send({ title: 'x', content: 'y' }).expect(401);
    });

    it.each([
      ['an empty title', { title: '', content: 'y' }, 'title'],
      ['a blank title', { title: '   ', content: 'y' }, 'title'],
      ['a title over 200 characters', { title: 'x'.repeat(201), content: 'y' }, 'title'],
      ['a NUL in the title', { title: 'a\u0000b', content: 'y' }, 'title'],
      ['content over 50,000 characters', { title: 'x', content: 'y'.repeat(50_001) }, 'content'],
      ['a NUL in the content', { title: 'x', content: 'nul\u0000' }, 'content'],
      [
        'eleven tags',
        { title: 'x', content: 'y', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
        'tags',
      ],
      ['a tag over 30 characters', { title: 'x', content: 'y', tags: ['ok', 'x'.repeat(31)] }, 'tags.1'],
      ['a blank tag', { title: 'x', content: 'y', tags: ['   '] }, 'tags.0'],
      ['a number as a tag', { title: 'x', content: 'y', tags: ['a', 'b', 'c', 7] }, 'tags.3'],
      ['an unknown status', { title: 'x', content: 'y', status: 'archived' }, 'status'],
      ['an author of its own choosing', { title: 'x', content: 'y', authorId: UNKNOWN_ID }, 'authorId'],
      ['a number for a title', { title: 123, content: 'y' }, 'title'],
    ])('refuses %s with a 422 naming the field', async (_case, body, field) => {
      const res = await t
        .http()
        .post('/api/v1/posts')
        .set(...bearer(alice))
        .send(body)
        .expect(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
    });

    it('counts tags as sent: ten that are two are fine, twelve are too many', async () => {
      const post = await createPost(alice, { tags: [...Array.from({ length: 9 }, () => ' Go '), 'SQL'] });
      expect(post.tags).toEqual(['go', 'sql']);
      const res = await t
        .http()
        .post('/api/v1/posts')
        .set(...bearer(alice))
        .send({ title: 'x', content: 'y', tags: [...Array.from({ length: 11 }, () => ' Go '), 'SQL'] })
        .expect(422);
      expect(res.body.error.details).toEqual([
        { field: 'tags', message: 'tags must contain no more than 10 elements' },
      ]);
    });
  });

  describe('read', () => {
    it("shows a draft to its author only: anyone else's read is a 404", async () => {
      const draft = await createPost(alice);
      await t
        .http()
        .get(`/api/v1/posts/${draft.id}`)
        .set(...bearer(alice))
        .expect(200);
      const anonymous = await t.http().get(`/api/v1/posts/${draft.id}`).expect(404);
      expect(anonymous.body.error.code).toBe('NOT_FOUND');
      await t
        .http()
        .get(`/api/v1/posts/${draft.id}`)
        .set(...bearer(bob))
        .expect(404);
    });

    it('is a 404 for an unknown id and a 422 naming id for a malformed one', async () => {
      await t.http().get(`/api/v1/posts/${UNKNOWN_ID}`).expect(404);
      const res = await t.http().get('/api/v1/posts/not-a-uuid').expect(422);
      expect(res.body.error.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    });
  });

  describe('update', () => {
    it('lets the author change a post, and the next read shows the change (cache coherence)', async () => {
      const post = await createPost(alice, { status: 'published' });
      await t.http().get(`/api/v1/posts/${post.id}`).expect(200);
      const res = await t
        .http()
        .patch(`/api/v1/posts/${post.id}`)
        .set(...bearer(alice))
        .send({ title: 'New title', tags: ['News'] })
        .expect(200);
      expect(res.body.data).toMatchObject({ title: 'New title', tags: ['news'] });
      expect(res.body.data.slug).toMatch(/^new-title-/);
      const read = await t.http().get(`/api/v1/posts/${post.id}`).expect(200);
      expect(read.body.data.title).toBe('New title');
      expect(read.headers.etag).toBe(res.headers.etag);
    });

    it('sets publishedAt on publishing and clears it on going back to draft', async () => {
      const draft = await createPost(alice);
      const published = await t
        .http()
        .patch(`/api/v1/posts/${draft.id}`)
        .set(...bearer(alice))
        .send({ status: 'published' })
        .expect(200);
      expect(published.body.data.publishedAt).toEqual(expect.any(String));
      await t.http().get(`/api/v1/posts/${draft.id}`).expect(200);
      const unpublished = await t
        .http()
        .patch(`/api/v1/posts/${draft.id}`)
        .set(...bearer(alice))
        .send({ status: 'draft' })
        .expect(200);
      expect(unpublished.body.data.publishedAt).toBeNull();
      await t.http().get(`/api/v1/posts/${draft.id}`).expect(404);
    });

    it("is a 403 on someone else's published post and a 404 on their draft", async () => {
      const published = await createPost(alice, { status: 'published' });
      const draft = await createPost(alice);
      const forbidden = await t
        .http()
        .patch(`/api/v1/posts/${published.id}`)
        .set(...bearer(bob))
        .send({ title: 'Mine now' })
        .expect(403);
      expect(forbidden.body.error.code).toBe('FORBIDDEN');
      await t
        .http()
        .patch(`/api/v1/posts/${draft.id}`)
        .set(...bearer(bob))
        .send({ title: 'Mine now' })
        .expect(404);
      await t
        .http()
        .delete(`/api/v1/posts/${published.id}`)
        .set(...bearer(bob))
        .expect(403);
      const read = await t.http().get(`/api/v1/posts/${published.id}`).expect(200);
      expect(read.body.data.title).toBe('Hello world');
    });

    it('lets an admin change and delete anyone’s post', async () => {
      const post = await createPost(alice, { status: 'published' });
      const changed = await t
        .http()
        .patch(`/api/v1/posts/${post.id}`)
        .set(...bearer(admin))
        .send({ content: 'Moderated' })
        .expect(200);
      // The change is made, and the post stays its author's.
      const author = { id: alice.id, username: alice.username };
      expect(changed.body.data).toMatchObject({ content: 'Moderated', author });
      const read = await t.http().get(`/api/v1/posts/${post.id}`).expect(200);
      expect(read.body.data).toMatchObject({ content: 'Moderated', author });
      await t
        .http()
        .delete(`/api/v1/posts/${post.id}`)
        .set(...bearer(admin))
        .expect(204);
      await t.http().get(`/api/v1/posts/${post.id}`).expect(404);
    });

    it('refuses unknown or null fields with a 422 and changes nothing', async () => {
      const post = await createPost(alice, { status: 'published' });
      const before = await t.http().get(`/api/v1/posts/${post.id}`).expect(200);
      // Each refused body also carries a valid change, which must not be applied either.
      for (const body of [{ authorId: bob.id }, { slug: 'mine' }, { title: null }, { tags: 'one' }]) {
        await t
          .http()
          .patch(`/api/v1/posts/${post.id}`)
          .set(...bearer(alice))
          .send({ content: 'Changed anyway', ...body })
          .expect(422);
      }
      const after = await t.http().get(`/api/v1/posts/${post.id}`).expect(200);
      expect(after.body.data).toEqual(before.body.data);
      expect(after.headers.etag).toBe(before.headers.etag);
    });
  });

  describe('delete', () => {
    it('soft-deletes: 204, then the post is gone from reads, writes and lists', async () => {
      const post = await createPost(alice, { status: 'published', title: 'Soon gone' });
      await t.http().get(`/api/v1/posts/${post.id}`).expect(200);
      const res = await t
        .http()
        .delete(`/api/v1/posts/${post.id}`)
        .set(...bearer(alice))
        .expect(204);
      expect(res.text).toBe('');
      await t.http().get(`/api/v1/posts/${post.id}`).expect(404);
      await t
        .http()
        .patch(`/api/v1/posts/${post.id}`)
        .set(...bearer(alice))
        .send({ title: 'Back?' })
        .expect(404);
      await t
        .http()
        .delete(`/api/v1/posts/${post.id}`)
        .set(...bearer(alice))
        .expect(404);
      const list = await t.http().get('/api/v1/posts').query({ authorId: alice.id, limit: 100 }).expect(200);
      expect(list.body.data.map((item: { id: string }) => item.id)).not.toContain(post.id);
      // Soft: the row stays, stamped with when it was deleted.
      const [row] = await t.app
        .get(DataSource)
        .query<Array<{ title: string; deleted_at: Date | null }>>(
          'SELECT title, deleted_at FROM posts WHERE id = $1',
          [post.id],
        );
      expect(row).toEqual({ title: 'Soon gone', deleted_at: expect.any(Date) });
    });
  });

  describe('author', () => {
    it('shows a rename in the next single read', async () => {
      const carol = await signUp(t);
      const post = await createPost(carol, { status: 'published' });
      const before = await t.http().get(`/api/v1/posts/${post.id}`).expect(200);
      const username = `${carol.username}_new`;
      await t
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(carol))
        .send({ username })
        .expect(200);
      const after = await t.http().get(`/api/v1/posts/${post.id}`).set('If-None-Match', before.headers.etag);
      expect(after.status).toBe(200);
      expect(after.body.data.author).toEqual({ id: carol.id, username });
    });
  });
});
