import type { TestAccount } from './support/accounts';
import { bearer, createPost, signUp } from './support/accounts';
import { describeOnEachCache, SPELLINGS } from './support/canonical-ids';
import type { TestApp } from './support/test-app';

/**
 * Every write that invalidates a cached read is made in one spelling of the id while the reads use
 * another, so a cache keyed on the spelling would serve a stale read.
 */

/** Read in one spelling, write in another, both ways round. */
const READ_WRITE_PAIRS: Array<[string, string]> = [
  ['upper', 'lower'],
  ['lower', 'upper'],
  ['mixed', 'upper'],
];

describeOnEachCache('Canonical ids in cache invalidation', (apps) => {
  let reader: TestApp;
  let writer: TestApp;
  let admin: TestAccount;

  beforeAll(() => {
    ({ reader, writer, admin } = apps);
  });

  describe.each(READ_WRITE_PAIRS)('reads spelt %s, writes spelt %s', (readSpelling, writeSpelling) => {
    const read = (id: string) => SPELLINGS[readSpelling](id);
    const write = (id: string) => SPELLINGS[writeSpelling](id);

    /** Reads a post through the read spelling, so the cache holds it under whatever key that makes. */
    async function cachedPost(author: TestAccount): Promise<{ id: string; etag: string }> {
      const post = await createPost(writer, author, { status: 'published', title: 'Before' });
      const res = await reader
        .http()
        .get(`/api/v1/posts/${read(post.id)}`)
        .expect(200);
      await reader
        .http()
        .get(`/api/v1/posts/${read(post.id)}`)
        .expect(200);
      return { id: post.id, etag: res.headers.etag };
    }

    it('a demotion takes the role away from existing tokens at once', async () => {
      const user = await signUp(writer);
      await writer
        .http()
        .patch(`/api/v1/users/${write(user.id)}`)
        .set(...bearer(admin))
        .send({ role: 'admin' })
        .expect(200);
      await reader
        .http()
        .get('/api/v1/users')
        .set(...bearer(user))
        .expect(200);
      const before = await reader
        .http()
        .get(`/api/v1/users/${read(user.id)}`)
        .set(...bearer(admin))
        .expect(200);
      expect(before.body.data.role).toBe('admin');

      await writer
        .http()
        .patch(`/api/v1/users/${write(user.id)}`)
        .set(...bearer(admin))
        .send({ role: 'user' })
        .expect(200);
      await reader
        .http()
        .get('/api/v1/users')
        .set(...bearer(user))
        .expect(403);
      const after = await reader
        .http()
        .get(`/api/v1/users/${read(user.id)}`)
        .set(...bearer(admin))
        .expect(200);
      expect(after.body.data.role).toBe('user');
    });

    it("a deactivation by an admin ends the user's tokens and profile at once", async () => {
      const user = await signUp(writer);
      await reader
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(user))
        .expect(200);
      await reader
        .http()
        .get(`/api/v1/users/${read(user.id)}`)
        .expect(200);

      await writer
        .http()
        .patch(`/api/v1/users/${write(user.id)}`)
        .set(...bearer(admin))
        .send({ isActive: false })
        .expect(200);
      await reader
        .http()
        .get('/api/v1/users/me')
        .set(...bearer(user))
        .expect(401);
      await reader
        .http()
        .get(`/api/v1/users/${read(user.id)}`)
        .expect(404);
    });

    it('a self-deactivation and a rename show in the next read of the profile', async () => {
      const user = await signUp(writer);
      const renamed = await signUp(writer);
      await reader
        .http()
        .get(`/api/v1/users/${read(user.id)}`)
        .expect(200);
      await reader
        .http()
        .get(`/api/v1/users/${read(renamed.id)}`)
        .expect(200);

      await writer
        .http()
        .delete('/api/v1/users/me')
        .set(...bearer(user))
        .send({ currentPassword: user.password })
        .expect(204);
      await writer
        .http()
        .patch('/api/v1/users/me')
        .set(...bearer(renamed))
        .send({ username: `${renamed.username}_2` })
        .expect(200);
      await reader
        .http()
        .get(`/api/v1/users/${read(user.id)}`)
        .expect(404);
      const profile = await reader
        .http()
        .get(`/api/v1/users/${read(renamed.id)}`)
        .expect(200);
      expect(profile.body.data.username).toBe(`${renamed.username}_2`);
    });

    it('a password change ends the tokens a promoted admin used on id routes', async () => {
      const moderator = await signUp(writer);
      const user = await signUp(writer);
      await writer
        .http()
        .patch(`/api/v1/users/${write(moderator.id)}`)
        .set(...bearer(admin))
        .send({ role: 'admin' })
        .expect(200);
      await reader
        .http()
        .patch(`/api/v1/users/${read(user.id)}`)
        .set(...bearer(moderator))
        .send({ isActive: true })
        .expect(200);

      await writer
        .http()
        .put('/api/v1/users/me/password')
        .set(...bearer(moderator))
        .send({ currentPassword: moderator.password, newPassword: 'a brand new passphrase 43' })
        .expect(204);
      await reader
        .http()
        .patch(`/api/v1/users/${read(user.id)}`)
        .set(...bearer(moderator))
        .send({ isActive: true })
        .expect(401);
    });

    it('a deleted post is gone from the next read', async () => {
      const author = await signUp(writer);
      const post = await cachedPost(author);
      await writer
        .http()
        .delete(`/api/v1/posts/${write(post.id)}`)
        .set(...bearer(author))
        .expect(204);
      await reader
        .http()
        .get(`/api/v1/posts/${read(post.id)}`)
        .expect(404);
    });

    it('an unpublished post is gone from the next anonymous read', async () => {
      const author = await signUp(writer);
      const post = await cachedPost(author);
      await writer
        .http()
        .patch(`/api/v1/posts/${write(post.id)}`)
        .set(...bearer(author))
        .send({ status: 'draft' })
        .expect(200);
      await reader
        .http()
        .get(`/api/v1/posts/${read(post.id)}`)
        .expect(404);
    });

    it('an edited post shows the edit in the next read, and the old ETag no longer matches', async () => {
      const author = await signUp(writer);
      const post = await cachedPost(author);
      await writer
        .http()
        .patch(`/api/v1/posts/${write(post.id)}`)
        .set(...bearer(author))
        .send({ title: 'After' })
        .expect(200);
      const res = await reader
        .http()
        .get(`/api/v1/posts/${read(post.id)}`)
        .set('If-None-Match', post.etag)
        .expect(200);
      expect(res.body.data.title).toBe('After');
    });
  });
});
