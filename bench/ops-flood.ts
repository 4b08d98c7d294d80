import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { withBenchDatabase } from './bench-database';
import type { Server } from './servers';
import { pinSelf, SERVER_CORE, startServer, TASKSET } from './servers';
import { BENCH_MAIL_ENV } from './bench-mail';

/**
 * Does one client flooding a public endpoint starve everyone else? Starts the built app in
 * production mode with its default rate limits, measures the p50 latency of a normal API request
 * (a published post, cached) while idle, then while one client floods each of /metrics (with the
 * metrics token: the costly case), /health/ready, /docs/json (DOCS_ENABLED=true) and the same API
 * route, and prints each p50 as a ratio to the idle one measured just before it. Not a test.
 *
 *   npm run build && npx tsc -p bench && node dist/bench/ops-flood.js
 *
 * The probe comes from many clients (a new X-Forwarded-For per request, behind TRUST_PROXY=loopback),
 * each far inside its budget, as the rest of the world would; the flood is one client. The server
 * is pinned to core 0 as in the suite; the probe and the flood (a child process) share core 1.
 * BENCH_PHASE (seconds per measurement, 10), BENCH_FLOOD_CONNECTIONS (64), BENCH_PROBE_CONNECTIONS
 * (4) and BENCH_DATABASE_URL (see bench-database.ts) change the defaults.
 */
const PHASE_SECONDS = Number(process.env.BENCH_PHASE ?? 10);
const FLOOD_CONNECTIONS = Number(process.env.BENCH_FLOOD_CONNECTIONS ?? 64);
const PROBE_CONNECTIONS = Number(process.env.BENCH_PROBE_CONNECTIONS ?? 4);
/** How long the flood runs before the probe starts timing, so it is measured at full strength. */
const FLOOD_RAMP_SECONDS = 1;
const METRICS_TOKEN = randomBytes(24).toString('hex');

interface Probe {
  p50: number;
  p99: number;
  count: number;
  failures: number;
}

let clientNumber = 0;
/** A new client address per request (10.0.0.1, 10.0.0.2, …): none of them comes near its budget. */
function nextClient(): string {
  clientNumber += 1;
  return `10.${(clientNumber >> 16) & 255}.${(clientNumber >> 8) & 255}.${clientNumber & 255}`;
}

function get(agent: http.Agent, url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers }, (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
      })
      .once('error', reject);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** PROBE_CONNECTIONS keep-alive loops requesting `url` for `seconds`, each request timed. */
async function probe(url: string, seconds: number): Promise<Probe> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: PROBE_CONNECTIONS });
  const samples: number[] = [];
  let failures = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: PROBE_CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        const started = process.hrtime.bigint();
        const status = await get(agent, url, { 'x-forwarded-for': nextClient() }).catch(() => 0);
        samples.push(Number(process.hrtime.bigint() - started) / 1e6);
        failures += status === 200 ? 0 : 1;
      }
    }),
  );
  agent.destroy();
  const sorted = samples.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), count: samples.length, failures };
}

/** One client (one X-Forwarded-For) flooding `url` from a child process while `during` runs. */
async function flooding<T>(
  url: string,
  headers: Record<string, string>,
  during: () => Promise<T>,
): Promise<[T, { reqPerSec: number; statuses: string }]> {
  const flood = promisify(execFile)(process.execPath, [path.join(__dirname, 'flood-client.js')], {
    env: {
      ...process.env,
      FLOOD_URL: url,
      FLOOD_HEADERS: JSON.stringify(headers),
      FLOOD_CONNECTIONS: String(FLOOD_CONNECTIONS),
      FLOOD_SECONDS: String(PHASE_SECONDS + FLOOD_RAMP_SECONDS + 1),
    },
  });
  await new Promise((resolve) => setTimeout(resolve, FLOOD_RAMP_SECONDS * 1000));
  const result = await during();
  const { stdout } = await flood;
  return [result, JSON.parse(stdout) as { reqPerSec: number; statuses: string }];
}

async function api<T>(server: Server, route: string, init: { body?: unknown; token?: string } = {}) {
  const res = await fetch(`http://127.0.0.1:${server.port}${route}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': '192.0.2.1',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!res.ok) {
    throw new Error(`${route} answered ${res.status}: ${await res.text()}`);
  }
  return (await res.json()) as T;
}

/** An account and one published post through the API; returns the post's path. */
async function preparePost(server: Server): Promise<string> {
  const credentials = { email: 'flood@example.test', password: 'flood-bench-password-not-common-42' };
  await api(server, '/api/v1/users', { body: { ...credentials, username: 'flood' } });
  const login = await api<{ data: { accessToken: string } }>(server, '/api/v1/auth/login', {
    body: credentials,
  });
  const post = await api<{ data: { id: string } }>(server, '/api/v1/posts', {
    token: login.data.accessToken,
    body: {
      title: 'A post read under a flood',
      content: 'Cached after the first read.',
      status: 'published',
    },
  });
  return `/api/v1/posts/${post.data.id}`;
}

const ms = (value: number) => `${value.toFixed(2)} ms`.padStart(10);

async function main(): Promise<void> {
  await withBenchDatabase(async (databaseUrl) => {
    pinSelf();
    const server = await startServer(
      'Strata',
      'dist/src/main.js',
      {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        JWT_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
        TRUST_PROXY: 'loopback',
        DOCS_ENABLED: 'true',
        // Registers over HTTP and signs in at once, without following a mailed link.
        AUTH_REQUIRE_VERIFIED_EMAIL: 'false',
        ...BENCH_MAIL_ENV,
        METRICS_TOKEN,
      },
      '/health/ready',
    );
    try {
      const origin = `http://127.0.0.1:${server.port}`;
      const postPath = await preparePost(server);
      const normal = `${origin}${postPath}`;
      const floods: Array<[string, string, Record<string, string>]> = [
        ['/metrics (with the token)', '/metrics', { authorization: `Bearer ${METRICS_TOKEN}` }],
        ['/health/ready', '/health/ready', {}],
        ['/docs/json', '/docs/json', {}],
        ['GET one post (API)', postPath, {}],
      ];
      console.log(
        `${PHASE_SECONDS} s per measurement; probe: GET one post, ${PROBE_CONNECTIONS} connections, a new client ` +
          `per request; flood: one client, ${FLOOD_CONNECTIONS} connections; server on core ` +
          `${TASKSET ? SERVER_CORE : '(taskset missing: unpinned)'}`,
      );
      await probe(normal, 2); // warm-up: JIT, the pool, the post in the cache
      const rows: string[] = [];
      let worst = 0;
      for (const [index, [title, route, headers]] of floods.entries()) {
        const idle = await probe(normal, PHASE_SECONDS);
        // A client of its own per flood, so each starts with a full budget.
        const floodHeaders = { ...headers, 'x-forwarded-for': `203.0.113.${index + 1}` };
        const idleRssMb = server.rssMb();
        let floodedRssMb = 0;
        const [during, flood] = await flooding(`${origin}${route}`, floodHeaders, async () => {
          const measured = await probe(normal, PHASE_SECONDS);
          floodedRssMb = server.rssMb(); // the flood still runs: its held refusals included
          return measured;
        });
        const ratio = during.p50 / idle.p50;
        worst = Math.max(worst, ratio);
        rows.push(
          `${title.padEnd(26)} ${flood.reqPerSec.toFixed(0).padStart(7)} req/s  ` +
            `p50 idle ${ms(idle.p50)}  flooded ${ms(during.p50)}  ${ratio.toFixed(2)}×  ` +
            `(p99 ${ms(idle.p99)} → ${ms(during.p99)}; server RSS ${idleRssMb.toFixed(0)} → ` +
            `${floodedRssMb.toFixed(0)} MB; probe failures ${idle.failures + during.failures}; ` +
            `flood answers ${flood.statuses})`,
        );
        console.log(rows[rows.length - 1]);
      }
      console.log(
        `\nworst p50 ratio ${worst.toFixed(2)}× (target: within 2×): ${worst <= 2 ? 'met' : 'MISS'}`,
      );
    } finally {
      await server.stop();
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
