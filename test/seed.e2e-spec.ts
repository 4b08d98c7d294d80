import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { DemoAccount } from '../scripts/seed-data';
import { DEMO_ADMIN, DEMO_POSTS, DEMO_USERS, seedDemoData, withAppContext } from '../scripts/seed-data';
import { seedReport } from '../scripts/seed-report';
import { startAppOnDatabase } from './support/app-on-database';
import { testConfig } from './support/test-app';
import { createTestDatabase, dropTestDatabase } from './support/test-database';

interface Counts {
  users: number;
  admins: number;
  posts: number;
  drafts: number;
  tagged: number;
}

async function countRows(databaseUrl: string): Promise<Counts> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<Record<keyof Counts, string>>(`
      SELECT (SELECT count(*) FROM users) AS users,
             (SELECT count(*) FROM users WHERE role = 'admin') AS admins,
             (SELECT count(*) FROM posts) AS posts,
             (SELECT count(*) FROM posts WHERE status = 'draft' AND published_at IS NULL) AS drafts,
             (SELECT count(*) FROM posts WHERE cardinality(tags) > 0) AS tagged`);
    const [row] = rows;
    return {
      users: Number(row.users),
      admins: Number(row.admins),
      posts: Number(row.posts),
      drafts: Number(row.drafts),
      tagged: Number(row.tagged),
    };
  } finally {
    await client.end();
  }
}

describe('npm run seed', () => {
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });

  afterAll(async () => {
    await dropTestDatabase(databaseUrl);
  });

  it('fills an empty database with the demo accounts and posts, through the services', async () => {
    const summary = await withAppContext(testConfig(databaseUrl), seedDemoData);
    expect(summary).toMatchObject({ usersCreated: DEMO_USERS.length + 1, postsCreated: DEMO_POSTS.length });
    expect(await countRows(databaseUrl)).toEqual({
      users: DEMO_USERS.length + 1,
      admins: 1,
      posts: DEMO_POSTS.length,
      drafts: DEMO_POSTS.filter((post) => post.status === 'draft').length,
      tagged: DEMO_POSTS.filter((post) => (post.tags ?? []).length > 0).length,
    });
  });

  it('adds nothing when run again', async () => {
    const before = await countRows(databaseUrl);
    const summary = await withAppContext(testConfig(databaseUrl), seedDemoData);
    expect(summary).toMatchObject({ usersCreated: 0, postsCreated: 0 });
    expect(await countRows(databaseUrl)).toEqual(before);
  });

  it('stores what the rules say: hashed passwords, lower-cased emails, normalised tags', async () => {
    // Given as a person might write them, not as they are stored.
    const account: DemoAccount = {
      email: 'Demo-Rules@Example.COM',
      username: 'demo-rules',
      password: 'a rules passphrase 5',
      role: 'user',
    };
    const post = {
      author: 'demo-rules',
      title: 'Tags As Typed',
      content: 'Mixed case, padded and repeated.',
      tags: [' Go ', 'GO', 'SQL'],
      status: 'published' as const,
    };
    await withAppContext(testConfig(databaseUrl), (context) => seedDemoData(context, [account], [post]));
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const admin = await client.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE email = $1',
        [DEMO_ADMIN.email],
      );
      expect(admin.rows[0].password_hash).toMatch(/^\$argon2id\$/);
      const user = await client.query<{ email: string; password_hash: string }>(
        'SELECT email, password_hash FROM users WHERE username = $1',
        [account.username],
      );
      expect(user.rows).toEqual([
        { email: 'demo-rules@example.com', password_hash: expect.stringMatching(/^\$argon2id\$/) },
      ]);
      const stored = await client.query<{ tags: string[]; slug: string }>(
        'SELECT tags, slug FROM posts WHERE title = $1',
        [post.title],
      );
      expect(stored.rows).toEqual([{ tags: ['go', 'sql'], slug: expect.stringMatching(/^tags-as-typed-/) }]);
    } finally {
      await client.end();
    }
  });
});

describe('npm run seed, next to accounts people made', () => {
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });

  afterAll(async () => {
    await dropTestDatabase(databaseUrl);
  });

  it("uses demo accounts apart from the README's walk-through", () => {
    const readme = readFileSync(path.resolve(__dirname, '..', 'README.md'), 'utf8').toLowerCase();
    for (const account of [DEMO_ADMIN, ...DEMO_USERS]) {
      expect(account.email).toMatch(/^demo-/);
      expect(readme).not.toContain(`"${account.email}"`);
      expect(readme).not.toContain(`"${account.username}"`);
    }
  });

  it('prints only credentials that sign in, and says why it prints none for the others', async () => {
    // Given as a person might type them: mixed-case emails and usernames.
    const accounts: DemoAccount[] = [
      {
        email: 'DEMO-Boss@Example.COM',
        username: 'Demo-Boss',
        password: 'a boss passphrase 1',
        role: 'admin',
      },
      {
        email: 'Demo.Mixed@Example.com',
        username: 'Demo.Mixed',
        password: 'a mixed passphrase 2',
        role: 'user',
      },
      {
        email: 'Demo-Taken@Example.com',
        username: 'demo-taken',
        password: 'a taken passphrase 3',
        role: 'user',
      },
      {
        email: 'demo-fresh@example.com',
        username: 'Demo-Held',
        password: 'a fresh passphrase 4',
        role: 'user',
      },
    ];
    const app = await startAppOnDatabase(databaseUrl);
    try {
      // Someone registered one demo email with a password of their own, and another's username.
      for (const [email, username] of [
        ['demo-taken@example.com', 'someone-else'],
        ['someone@example.com', 'demo-held'],
      ]) {
        await app
          .http()
          .post('/api/v1/users')
          .send({ email, username, password: 'their own passphrase 9' })
          .expect(201);
      }
      const first = await withAppContext(testConfig(databaseUrl), (context) =>
        seedDemoData(context, accounts, []),
      );
      const again = await withAppContext(testConfig(databaseUrl), (context) =>
        seedDemoData(context, accounts, []),
      );
      expect(first.accounts.map((account) => account.outcome)).toEqual([
        'created',
        'created',
        'unusable',
        'unusable',
      ]);
      expect(again.accounts.map((account) => account.outcome)).toEqual([
        'existing',
        'existing',
        'unusable',
        'unusable',
      ]);
      expect(first.accounts[0].role).toBe('admin');

      for (const summary of [first, again]) {
        const report = seedReport(summary).join('\n');
        const usable = summary.accounts.filter((account) => account.password !== null);
        expect(usable).toHaveLength(2);
        for (const account of usable) {
          expect(report).toContain(account.password);
          for (const identifier of [{ email: account.email }, { username: account.username }]) {
            await app
              .http()
              .post('/api/v1/auth/login')
              .send({ ...identifier, password: account.password })
              .expect(200);
          }
        }
        expect(report).not.toContain('a taken passphrase 3');
        expect(report).not.toContain('a fresh passphrase 4');
        expect(report).toContain('Demo-Taken@Example.com (demo-taken): this email is registered already');
        expect(report).toContain('demo-fresh@example.com (Demo-Held): another account holds this username');
      }
    } finally {
      await app.close();
    }
  });
});
