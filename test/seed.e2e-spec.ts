import { Client } from 'pg';
import { DEMO_ADMIN, DEMO_POSTS, DEMO_USERS, seedDemoData, withAppContext } from '../scripts/seed-data';
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
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const admin = await client.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE email = $1',
        [DEMO_ADMIN.email],
      );
      expect(admin.rows[0].password_hash).toMatch(/^\$argon2id\$/);
      const tags = await client.query<{ tag: string }>('SELECT DISTINCT unnest(tags) AS tag FROM posts');
      expect(tags.rows.every(({ tag }) => tag === tag.trim().toLowerCase())).toBe(true);
    } finally {
      await client.end();
    }
  });
});
