import { bearer, signUp } from './support/accounts';
import { startSharedTestApps } from './support/shared-test-apps';
import { describeWithRedis } from './support/redis-for-tests';
import type { TestApp } from './support/test-app';

// Coherence across instances needs a shared cache: REDIS_URL's server, or a redis-server of our own.
describeWithRedis('Post cache across two instances sharing Redis', (redis) => {
  let first: TestApp;
  let second: TestApp;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({
      apps: [first, second],
      close,
    } = await startSharedTestApps(2, { REDIS_URL: redis.url }));
  });

  afterAll(async () => {
    await close();
  });

  it('serves the new value on one instance right after a write on the other', async () => {
    const author = await signUp(first);
    const created = await first
      .http()
      .post('/api/v1/posts')
      .set(...bearer(author))
      .send({ title: 'v1', content: 'Body', status: 'published' })
      .expect(201);
    const path = `/api/v1/posts/${created.body.data.id}`;
    // Both instances read, so the shared cache holds v1.
    await first.http().get(path).expect(200);
    await second.http().get(path).expect(200);

    for (const title of ['v2', 'v3']) {
      await second
        .http()
        .patch(path)
        .set(...bearer(author))
        .send({ title })
        .expect(200);
      const read = await first.http().get(path).expect(200);
      expect(read.body.data.title).toBe(title);
    }

    await first
      .http()
      .delete(path)
      .set(...bearer(author))
      .expect(204);
    await second.http().get(path).expect(404);
  });

  it("shows an author's rename made on one instance in the next read on the other", async () => {
    const author = await signUp(first);
    const created = await first
      .http()
      .post('/api/v1/posts')
      .set(...bearer(author))
      .send({ title: 'Renamed author', content: 'Body', status: 'published' })
      .expect(201);
    const path = `/api/v1/posts/${created.body.data.id}`;
    await second.http().get(path).expect(200);
    const username = `${author.username}_2`;
    await first
      .http()
      .patch('/api/v1/users/me')
      .set(...bearer(author))
      .send({ username })
      .expect(200);
    const read = await second.http().get(path).expect(200);
    expect(read.body.data.author.username).toBe(username);
  });
});
