import type { TestAccount } from './support/accounts';
import { ADMIN_ENV, bearer, createPost, signInAdmin, signUp, uniqueName } from './support/accounts';
import type { TestApp } from './support/test-app';
import { verifyEmailInDatabase } from './support/account-links';
import { startTestApp } from './support/test-app';

const LIMIT_MESSAGE = 'limit must be an integer from 1 to 100';

interface Detail {
  field: string;
  message: string;
}

function detailsOf(res: { body: { error: { details: Detail[] } } }): Detail[] {
  return res.body.error.details;
}

/** `{"a":{"a":…1…}}`, `depth` objects deep, as raw JSON text. */
function nestedObjects(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

describe('Input bounds', () => {
  let t: TestApp;
  let alice: TestAccount;
  let admin: TestAccount;

  beforeAll(async () => {
    t = await startTestApp({ env: ADMIN_ENV });
    [alice, admin] = await Promise.all([signUp(t), signInAdmin(t)]);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('bounded validation errors', () => {
    it('answers a 45,000-item tags array with one size message, not one per item', async () => {
      const res = await t
        .http()
        .post('/api/v1/posts')
        .set(...bearer(alice))
        .send({ title: 'x', content: 'y', tags: Array.from({ length: 45_000 }, () => 7) })
        .expect(422);
      expect(detailsOf(res)).toEqual([
        { field: 'tags', message: 'tags must contain no more than 10 elements' },
      ]);
      expect(res.body.error.omittedDetails).toBeUndefined();
    });

    it('lists at most 20 details and counts the rest in error.omittedDetails', async () => {
      const unknown = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`extra${i}`, i]));
      const res = await t
        .http()
        .post('/api/v1/posts')
        .set(...bearer(alice))
        .send({ title: 'x', content: 'y', ...unknown })
        .expect(422);
      expect(detailsOf(res)).toHaveLength(20);
      expect(res.body.error.omittedDetails).toBe(10);
    });

    it('shortens the name of an unknown field of any length', async () => {
      const res = await t
        .http()
        .post('/api/v1/posts')
        .set(...bearer(alice))
        .send({ title: 'x', content: 'y', ['k'.repeat(50_000)]: 1 })
        .expect(422);
      const [detail] = detailsOf(res);
      expect(detail.field.length).toBeLessThanOrEqual(100);
      expect(detail.message.length).toBeLessThanOrEqual(200);
      expect(res.text.length).toBeLessThan(2_000);
    });
  });

  describe('prototype keys', () => {
    it.each(['__proto__', 'constructor', 'prototype'])('answers a %p field as unknown: 422', async (key) => {
      const res = await t
        .http()
        .post('/api/v1/posts')
        .set(...bearer(alice))
        .set('Content-Type', 'application/json')
        .send(`{"title":"x","content":"y","${key}":{"role":"admin","title":7}}`)
        .expect(422);
      expect(detailsOf(res)).toEqual([{ field: key, message: `${key} is not allowed` }]);
    });

    it('answers a prototype key in a query string as unknown too', async () => {
      const res = await t.http().get('/api/v1/posts?__proto__=1').expect(422);
      expect(detailsOf(res).map((detail) => detail.field)).toContain('__proto__');
    });
  });

  describe('JSON nesting limit', () => {
    it('answers a body nested thousands of levels deep with 400 BAD_REQUEST, not a 500', async () => {
      const res = await t
        .http()
        .post('/api/v1/users')
        .set('Content-Type', 'application/json')
        .send(nestedObjects(15_000))
        .expect(400);
      expect(res.body).toMatchObject({
        error: { code: 'BAD_REQUEST' },
        message: 'Request body nests deeper than 32 levels',
      });
    });

    it('refuses a deep array as well, wherever it sits in the body', async () => {
      const deep = `${'['.repeat(40_000)}${']'.repeat(40_000)}`;
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"email":"a@example.test","password":"x","extra":${deep}}`)
        .expect(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
    });

    it('validates a body at exactly 32 levels as usual', async () => {
      const res = await t
        .http()
        .post('/api/v1/users')
        .set('Content-Type', 'application/json')
        .send(nestedObjects(32))
        .expect(422);
      expect(detailsOf(res)).toContainEqual({ field: 'a', message: 'a is not allowed' });
    });
  });

  describe('normalisation before length rules', () => {
    it('checks an email that grows when lower-cased at its stored length: 422, not a 500', async () => {
      // 'İ' lower-cases to 'i' and a combining dot: 155 characters as sent, 277 as stored.
      const label = 'İ'.repeat(60);
      const email = `${'a'.repeat(30)}@${label}.${label}.test`;
      expect(email.length).toBeLessThanOrEqual(255);
      expect(email.toLowerCase().length).toBeGreaterThan(255);
      const res = await t
        .http()
        .post('/api/v1/users')
        .send({ email, username: uniqueName(), password: 'a sturdy passphrase 42' })
        .expect(422);
      expect(detailsOf(res).map((detail) => detail.field)).toContain('email');
    });

    it('stores an email folded and in NFC, and signs in with any case or composition of it', async () => {
      // The Kelvin sign is 'K' under NFC and 'k' lower-cased: the address is plain ASCII once stored.
      const username = uniqueName();
      const res = await t
        .http()
        .post('/api/v1/users')
        .send({ email: `\u212Aate.${username}@Example.TEST`, username, password: 'a sturdy passphrase 42' })
        .expect(201);
      expect(res.body.data.email).toBe(`kate.${username}@example.test`);
      await verifyEmailInDatabase(t, res.body.data.id);
      await t
        .http()
        .post('/api/v1/auth/login')
        .send({ email: `KATE.${username}@example.test`, password: 'a sturdy passphrase 42' })
        .expect(200);
    });

    it('refuses an email the document calls no email: non-ASCII, with the domain to write as xn--', async () => {
      const res = await t
        .http()
        .post('/api/v1/users')
        .send({ email: 'café@example.test', username: uniqueName(), password: 'a sturdy passphrase 42' })
        .expect(422);
      expect(detailsOf(res)).toEqual([
        { field: 'email', message: 'email must be ASCII (an international domain in its xn-- form)' },
      ]);
    });

    it('checks a title after NFC: 200 decomposed accented letters are 200 characters', async () => {
      const post = await createPost(t, alice, { title: 'e\u0301'.repeat(200) });
      expect(post.title).toBe('\u00e9'.repeat(200));
    });
  });

  describe('query strings', () => {
    const lists = (): Array<[string, Array<[string, string]>]> => [
      ['/api/v1/posts', []],
      ['/api/v1/users', [bearer(admin)]],
      [`/api/v1/users/${alice.id}/posts`, []],
    ];

    it.each(['abc', '0', '101', '2.5', '1e1', ' 5', '-3'])(
      'answers ?limit=%p on every list with one clear message',
      async (limit) => {
        for (const [path, headers] of lists()) {
          const request = t.http().get(`${path}?limit=${encodeURIComponent(limit)}`);
          for (const [name, value] of headers) {
            void request.set(name, value);
          }
          const res = await request.expect(422);
          expect(detailsOf(res)).toEqual([{ field: 'limit', message: LIMIT_MESSAGE }]);
        }
      },
    );

    it('treats an empty ?limit= and ?cursor= as absent: the first page of the default size', async () => {
      for (const [path, headers] of lists()) {
        const request = t.http().get(`${path}?limit=&cursor=`);
        for (const [name, value] of headers) {
          void request.set(name, value);
        }
        const res = await request.expect(200);
        expect(res.body.meta.limit).toBe(20);
      }
    });

    it('answers a repeated parameter with one message naming it', async () => {
      const res = await t.http().get('/api/v1/posts?limit=1&limit=2&cursor=a&cursor=b').expect(422);
      expect(detailsOf(res)).toEqual([
        { field: 'limit', message: 'limit must be given at most once' },
        { field: 'cursor', message: 'cursor must be given at most once' },
      ]);
    });

    it('still accepts a plain ?limit=5 and reports a bad cursor once', async () => {
      const ok = await t.http().get('/api/v1/posts?limit=5').expect(200);
      expect(ok.body.meta.limit).toBe(5);
      const bad = await t
        .http()
        .get(`/api/v1/posts?cursor=${'x'.repeat(600)}`)
        .expect(422);
      expect(detailsOf(bad)).toHaveLength(1);
    });
  });
});
