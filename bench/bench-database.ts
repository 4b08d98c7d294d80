import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { EmbeddedDatabase } from '../src/database/embedded-postgres';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/**
 * A database for one run: with BENCH_DATABASE_URL, a fresh `strata_bench_…` database on that server
 * (dropped afterwards); without it, a throwaway embedded PostgreSQL.
 */
export async function withBenchDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (serverUrl) {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    const name = `strata_bench_${randomBytes(4).toString('hex')}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    try {
      await work(url.toString());
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
    return;
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'strata-bench-'));
  let embedded: EmbeddedDatabase | undefined;
  try {
    embedded = await startEmbeddedPostgres({ dataDir, database: 'strata_bench', persistent: false });
    await work(embedded.url);
  } finally {
    await embedded?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * `count` published posts by `authorId`, a second apart, in one INSERT … SELECT generate_series,
 * then fresh statistics. Returns the id of the newest one, the post the single-read scenario reads.
 */
export async function seedPosts(url: string, authorId: string, count: number): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO posts (title, content, status, tags, slug, author_id, published_at)
       SELECT 'Post ' || n, 'Words about keyset pagination, number ' || n || '. ' || repeat('Lorem ipsum dolor sit amet. ', 10),
              'published', ARRAY['tag' || (n % 50), 'bench'], 'post-' || n || '-' || substr(md5(n::text), 1, 12),
              $1, now() - n * interval '1 second'
       FROM generate_series(1, $2::int) AS n`,
      [authorId, count],
    );
    await client.query('VACUUM ANALYZE posts');
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM posts WHERE status = 'published' ORDER BY published_at DESC, id DESC LIMIT 1`,
    );
    return rows[0].id;
  } finally {
    await client.end();
  }
}
