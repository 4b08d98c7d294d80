import type { TestAccount } from './support/accounts';
import { bearer, signUp, createPost as createPostAs } from './support/accounts';
import type { TestApp } from './support/test-app';
import { startTestApp } from './support/test-app';

/** ETags on single reads, 304 on If-None-Match, 412 on a stale If-Match: conditional requests. */
describe('Posts: conditional requests', () => {
  let t: TestApp;
  let alice: TestAccount;

  beforeAll(async () => {
    t = await startTestApp();
    alice = await signUp(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const createPost = (author: TestAccount, body: Record<string, unknown> = {}) =>
    createPostAs(t, author, body);

  it('shows a published post to anyone, with an ETag, and 304 for If-None-Match', async () => {
    const post = await createPost(alice, { status: 'published' });
    const res = await t.http().get(`/api/v1/posts/${post.id}`).expect(200);
    expect(res.body.data).toEqual(post);
    const etag = res.headers.etag;
    const cached = await t.http().get(`/api/v1/posts/${post.id}`).set('If-None-Match', etag).expect(304);
    expect(cached.text).toBe('');
    expect(cached.headers.etag).toBe(etag);
    await t.http().get(`/api/v1/posts/${post.id}`).set('If-None-Match', '"other"').expect(200);
  });

  it('answers 412 to a stale If-Match and changes nothing', async () => {
    const post = await createPost(alice, { status: 'published' });
    const first = await t.http().get(`/api/v1/posts/${post.id}`).expect(200);
    const stale = first.headers.etag;
    await t
      .http()
      .patch(`/api/v1/posts/${post.id}`)
      .set(...bearer(alice))
      .set('If-Match', stale)
      .send({ title: 'Second' })
      .expect(200);
    const res = await t
      .http()
      .patch(`/api/v1/posts/${post.id}`)
      .set(...bearer(alice))
      .set('If-Match', stale)
      .send({ title: 'Third' })
      .expect(412);
    expect(res.body.error.code).toBe('PRECONDITION_FAILED');
    const read = await t.http().get(`/api/v1/posts/${post.id}`).expect(200);
    expect(read.body.data.title).toBe('Second');
  });

  it('lets exactly one of two racing PATCHes with the same If-Match through', async () => {
    const post = await createPost(alice, { status: 'published' });
    const { etag } = (await t.http().get(`/api/v1/posts/${post.id}`).expect(200)).headers;
    const patch = (title: string) =>
      t
        .http()
        .patch(`/api/v1/posts/${post.id}`)
        .set(...bearer(alice))
        .set('If-Match', etag)
        .send({ title });
    const results = await Promise.all([patch('Racer A'), patch('Racer B')]);
    expect(results.map((res) => res.status).sort()).toEqual([200, 412]);
    const winner = results.find((res) => res.status === 200)?.body.data.title;
    const read = await t.http().get(`/api/v1/posts/${post.id}`).expect(200);
    expect(read.body.data.title).toBe(winner);
  });

  it('refuses a DELETE with a stale If-Match and keeps the post', async () => {
    const post = await createPost(alice, { status: 'published' });
    const { etag } = (await t.http().get(`/api/v1/posts/${post.id}`).expect(200)).headers;
    await t
      .http()
      .patch(`/api/v1/posts/${post.id}`)
      .set(...bearer(alice))
      .send({ content: 'Changed' })
      .expect(200);
    await t
      .http()
      .delete(`/api/v1/posts/${post.id}`)
      .set(...bearer(alice))
      .set('If-Match', etag)
      .expect(412);
    await t.http().get(`/api/v1/posts/${post.id}`).expect(200);
  });

  it('lets browsers revalidate a post but never store it in a shared cache', async () => {
    const post = await createPost(alice, { status: 'published' });
    const res = await t.http().get(`/api/v1/posts/${post.id}`).expect(200);
    expect(res.headers['cache-control']).toBe('private, no-cache');
  });
});
