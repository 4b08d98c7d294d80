import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { seedPosts, withBenchDatabase } from './bench-database';
import type { Measurement } from './load';
import { CONNECTIONS, DURATION, measureInTurns, measureTogether, ROUNDS } from './load';
import { printReport } from './report';
import type { BaselineName, Results } from './report';
import type { Fixture, ReadScenario, Scenario } from './scenarios';
import { createRequest, loginRequest, readRequest, selectedScenarios, TITLES } from './scenarios';
import type { Server } from './servers';
import { pinSelf, runPinned, SERVER_CORE, startServer, TASKSET } from './servers';
import { BENCH_MAIL_ENV } from './bench-mail';

/**
 * `npm run bench`: seeds 100,000 posts, then measures two baselines and the built Strata app in
 * production mode, one after the other, each pinned to one core while this process drives it from
 * the other with autocannon. Every Strata figure is printed as a ratio to the baselines of the same
 * run. See docs/performance.md for the knobs (BENCH_*) and how to read the output.
 */
const POSTS = Number(process.env.BENCH_POSTS ?? 100_000);
const DEPTH = Number(process.env.BENCH_DEPTH ?? 500);
const FLOOD_PROBE_CONNECTIONS = Number(process.env.BENCH_FLOOD_PROBE_CONNECTIONS ?? 8);
const READS: ReadScenario[] = ['post', 'list', 'deep'];
const BASELINES: ReadonlyArray<readonly [BaselineName, string, Record<string, string>]> = [
  ['node:http', 'dist/bench/baseline-node-http.js', {}],
  ['bare Express', 'dist/bench/baseline-express.js', {}],
  ['Express+born', 'dist/bench/baseline-express.js', { BENCH_EXPRESS_SERVER: 'strata' }],
  ['bare Nest', 'dist/bench/baseline-nest.js', {}],
];

async function api<T>(
  server: Server,
  route: string,
  init: { method?: string; body?: unknown; token?: string } = {},
) {
  const res = await fetch(`http://127.0.0.1:${server.port}${route}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = (await res.json()) as T;
  if (!res.ok) {
    throw new Error(`${init.method ?? 'GET'} ${route} answered ${res.status}: ${JSON.stringify(body)}`);
  }
  return body;
}

/** A user registered through the API, the posts seeded in SQL, a token, and a cursor DEPTH pages deep. */
async function prepare(strata: Server, databaseUrl: string): Promise<Fixture> {
  const credentials = { email: 'bench@example.test', password: 'bench-password-that-is-not-common-42' };
  const user = await api<{ data: { id: string } }>(strata, '/api/v1/users', {
    method: 'POST',
    body: { ...credentials, username: 'bench' },
  });
  const started = Date.now();
  const postId = await seedPosts(databaseUrl, user.data.id, POSTS);
  console.log(`Seeded ${POSTS} posts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const login = await api<{ data: { accessToken: string } }>(strata, '/api/v1/auth/login', {
    method: 'POST',
    body: credentials,
  });
  let cursor = '';
  for (let page = 1; page < DEPTH; page += 1) {
    const route = `/api/v1/posts?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    cursor = (await api<{ meta: { nextCursor: string } }>(strata, route)).meta.nextCursor;
  }
  return { postId, accessToken: login.data.accessToken, deepCursor: cursor, credentials };
}

/** BENCH_REDIS_URL: Strata's cache and limiter in that Redis; BENCH_CLUSTER_WORKERS: cluster mode (needs it). */
function optionalStrataEnv(): Record<string, string> {
  const redisUrl = process.env.BENCH_REDIS_URL;
  const workers = process.env.BENCH_CLUSTER_WORKERS;
  return {
    ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: `strata-bench-${process.pid}` } : {}),
    ...(workers ? { CLUSTER_WORKERS: workers } : {}),
  };
}

/** Memory before any load: the floor under the peak RSS the report shows. */
function logStarted(server: Server): Server {
  console.log(`  ${server.name.padEnd(10)} ready, RSS at rest ${server.rssMb().toFixed(0)} MB`);
  return server;
}

/** The baselines must serve exactly Strata's JSON, or the ratios would compare different work. */
async function assertSameJson(baseline: Server, strata: Record<ReadScenario, unknown>, fixture: Fixture) {
  for (const scenario of READS) {
    const body = await api(baseline, readRequest(scenario, fixture).path);
    if (!isDeepStrictEqual(body, strata[scenario])) {
      throw new Error(`${baseline.name} does not serve Strata's JSON for "${TITLES[scenario]}"`);
    }
  }
}

async function main(): Promise<void> {
  const jwtSecret = randomBytes(32).toString('hex');
  const profileDir = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : undefined;
  console.log(
    `${DURATION} s per scenario and server in ${ROUNDS} turns, ${CONNECTIONS} connections; servers on core ${TASKSET ? SERVER_CORE : '(taskset missing: unpinned)'}`,
  );
  await withBenchDatabase(async (databaseUrl) => {
    // After the database started, so PostgreSQL keeps both cores and only the load generator moves.
    pinSelf();
    const strataEnv = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      JWT_SECRET: jwtSecret,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      RATE_LIMIT_MAX: '1000000000',
      RATE_LIMIT_AUTH_MAX: '1000000000',
      // 64 concurrent sign-ins of one account: each is counted until its password is checked.
      RATE_LIMIT_ACCOUNT_MAX: '1000',
      // The fixtures register over HTTP and sign in at once: the bench measures that, not mail.
      AUTH_REQUIRE_VERIFIED_EMAIL: 'false',
      ...BENCH_MAIL_ENV,
      ...optionalStrataEnv(),
    };
    const setup = await startServer('Strata', 'dist/src/main.js', strataEnv, '/health/ready');
    const reference: Record<ReadScenario, unknown> = { post: null, list: null, deep: null };
    const fixture = await prepare(setup, databaseUrl)
      .then(async (prepared) => {
        for (const scenario of READS) {
          reference[scenario] = await api(setup, readRequest(scenario, prepared).path);
        }
        return prepared;
      })
      .finally(() => setup.stop());
    const results: Results = { baselines: {}, strata: {} };

    // Every server runs from here on, each pinned to the server core; only the measured one is busy.
    const servers: Server[] = [];
    try {
      if (process.env.BENCH_BASELINES !== '0') {
        const baselineEnv = {
          DATABASE_URL: databaseUrl,
          JWT_SECRET: jwtSecret,
          BENCH_POST_ID: fixture.postId,
        };
        for (const [name, script, env] of BASELINES) {
          servers.push(
            logStarted(await startServer(name, script, { ...baselineEnv, ...env }, '/health/ready')),
          );
          await assertSameJson(servers[servers.length - 1], reference, fixture);
        }
      }
      const stratas: Server[] = [];
      if (process.env.BENCH_COMPARE) {
        const main = path.resolve(process.env.BENCH_COMPARE, 'dist', 'src', 'main.js');
        stratas.push(logStarted(await startServer('before', main, strataEnv, '/health/ready')));
      }
      if (profileDir) {
        mkdirSync(profileDir, { recursive: true });
      }
      const nodeArgs = [
        ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
        ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      ];
      const strata = await startServer('Strata', 'dist/src/main.js', strataEnv, '/health/ready', nodeArgs);
      stratas.push(logStarted(strata));
      servers.push(...stratas);

      const record = (scenario: Exclude<Scenario, 'flood'>, measured: Map<Server, Measurement>) => {
        for (const [server, m] of measured) {
          if (server === strata) {
            results.strata[scenario] = m;
          } else if (server.name === 'before') {
            (results.before ??= {})[scenario] = m;
          } else {
            const baseline = (results.baselines[server.name as BaselineName] ??= { reads: {}, peakRssMb: 0 });
            baseline.reads[scenario as ReadScenario] = m;
          }
          console.log(`  ${server.name.padEnd(10)} ${TITLES[scenario]}: ${m.reqPerSec.toFixed(0)} req/s`);
        }
      };
      const scenarios = selectedScenarios();
      for (const scenario of READS.filter((name) => scenarios.has(name))) {
        record(scenario, await measureInTurns(servers, () => readRequest(scenario, fixture)));
      }
      if (scenarios.has('create')) {
        record('create', await measureInTurns(stratas, () => createRequest(fixture)));
      }
      if (scenarios.has('login')) {
        results.argon2PerSecond = Number(await runPinned('dist/bench/argon2-floor.js'));
        // One turn: a login under 64 concurrent ones takes seconds, longer than a short turn.
        record('login', await measureInTurns(stratas, () => loginRequest(fixture), 1));
      }
      if (scenarios.has('flood')) {
        const probe = readRequest('post', fixture);
        results.flood = await measureTogether(strata, loginRequest(fixture), probe, FLOOD_PROBE_CONNECTIONS);
      }
      for (const server of servers) {
        const baseline = results.baselines[server.name as BaselineName];
        if (baseline) {
          baseline.peakRssMb = server.peakRssMb();
        }
      }
      results.strataPeakRssMb = strata.peakRssMb();
    } finally {
      for (const server of servers) {
        await server.stop();
      }
    }
    if (!printReport(results)) {
      process.exitCode = 1;
    }
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
