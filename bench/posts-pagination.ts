import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createApp } from '../src/app.setup';
import { loadConfig } from '../src/config/load-config';
import { withBenchDatabase } from './bench-database';

/**
 * Keyset pagination under load: seeds 100,000 published posts, then compares the p50 latency of
 * `GET /api/v1/posts` on page 1 with the same request 500 pages deep, over HTTP. Not a test.
 *
 *   npx tsc -p bench && node dist/bench/posts-pagination.js
 *
 * With BENCH_DATABASE_URL it creates (and drops) a database `strata_bench_…` on that server;
 * without it, a throwaway embedded PostgreSQL. POSTS, LIMIT, DEPTH and SAMPLES override the defaults.
 */
const POSTS = Number(process.env.POSTS ?? 100_000);
const LIMIT = Number(process.env.LIMIT ?? 20);
const DEPTH = Number(process.env.DEPTH ?? 500);
const SAMPLES = Number(process.env.SAMPLES ?? 300);

/** One author and POSTS published posts a second apart, in one statement; then fresh statistics. */
async function seed(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO users (email, username, password_hash) VALUES ('bench@example.test', 'bench', 'x') RETURNING id`,
    );
    await client.query(
      `INSERT INTO posts (title, content, status, tags, slug, author_id, published_at)
       SELECT 'Post ' || n, 'Words about keyset pagination, number ' || n, 'published',
              ARRAY['tag' || (n % 50)], 'post-' || n || '-' || substr(md5(n::text), 1, 12), $1,
              now() - n * interval '1 second'
       FROM generate_series(1, $2::int) AS n`,
      [rows[0].id, POSTS],
    );
    await client.query('VACUUM ANALYZE posts');
  } finally {
    await client.end();
  }
}

async function timeRequest(url: string): Promise<{ ms: number; body: { meta: { nextCursor: string } } }> {
  const started = process.hrtime.bigint();
  const res = await fetch(url);
  const body = (await res.json()) as { meta: { nextCursor: string } };
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.status !== 200) {
    throw new Error(`${url} answered ${res.status}`);
  }
  return { ms, body };
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Alternates the two requests, so drift in a shared machine's load hits both alike. */
async function measure(urls: Record<string, string>): Promise<Record<string, number>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(urls).map((label) => [label, []]));
  for (let i = 0; i < SAMPLES + 20; i += 1) {
    for (const [label, url] of Object.entries(urls)) {
      const { ms } = await timeRequest(url);
      if (i >= 20) {
        samples[label].push(ms);
      }
    }
  }
  const p50s: Record<string, number> = {};
  for (const [label, values] of Object.entries(samples)) {
    p50s[label] = percentile(values, 50);
    console.log(
      `${label.padEnd(12)} p50 ${p50s[label].toFixed(2)} ms   p95 ${percentile(values, 95).toFixed(2)} ms`,
    );
  }
  return p50s;
}

async function main(): Promise<void> {
  await withBenchDatabase(async (databaseUrl) => {
    const loaded = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '100000000' });
    const config = { ...loaded, databaseUrl, jwtSecret: randomBytes(32).toString('hex') };
    const app = await createApp(config);
    await app.listen(0, '127.0.0.1');
    try {
      const started = Date.now();
      await seed(databaseUrl);
      console.log(`Seeded ${POSTS} posts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/v1/posts?limit=${LIMIT}`;
      let cursor = '';
      for (let page = 1; page < DEPTH; page += 1) {
        cursor = (await timeRequest(cursor ? `${base}&cursor=${cursor}` : base)).body.meta.nextCursor;
      }
      const deepLabel = `page ${DEPTH}`;
      const p50 = await measure({ 'page 1': base, [deepLabel]: `${base}&cursor=${cursor}` });
      const [first, deep] = [p50['page 1'], p50[deepLabel]];
      console.log(`page ${DEPTH} vs page 1: ${(((deep - first) / first) * 100).toFixed(1)}% at p50`);
    } finally {
      await app.close();
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
