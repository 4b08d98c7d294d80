import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config/load-config';
import { loadEnvFile } from '../src/config/load-env-file';
import type { EmbeddedDatabase } from '../src/database/embedded-postgres';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/**
 * The TypeORM CLI through ormconfig.ts, with a database always at hand: DATABASE_URL when set;
 * otherwise a throwaway embedded PostgreSQL for `generate` and `check` (all migrations applied
 * first), or the development database under DATA_DIR for `run`, `revert` and `show`.
 *
 * Quiet by default: what was applied or generated, and errors; `--verbose` adds every SQL query.
 *
 *   node dist/scripts/migrations.js generate AddPosts | check | run | revert | show [--verbose]
 */
const ROOT = path.resolve(__dirname, '..', '..');
const MIGRATIONS_DIR = path.join(ROOT, 'src', 'database', 'migrations');
const DATA_SOURCE = path.join(ROOT, 'dist', 'ormconfig.js');

const VERBOSE = process.argv.includes('--verbose');

/** `logging` is what ormconfig.ts lets the CLI print; `--verbose` adds the queries to it. */
function typeorm(args: string[], databaseUrl: string, logging = 'error,warn,schema'): number {
  const cli = require.resolve('typeorm/cli.js');
  const result = spawnSync(process.execPath, [cli, ...args, '-d', DATA_SOURCE], {
    stdio: 'inherit',
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      STRATA_MIGRATIONS_LOGGING: VERBOSE ? `query,${logging}` : logging,
    },
  });
  return result.status ?? 1;
}

/**
 * TypeORM writes double quotes, value imports of types and its own indentation: the house lint
 * and format rules put a new migration in shape, so it is committed as written.
 */
function tidy(files: string[]): number {
  for (const tool of [
    ['eslint', '--fix'],
    ['prettier', '--log-level', 'warn', '--write'],
  ]) {
    const bin = path.join(ROOT, 'node_modules', '.bin', tool[0]);
    const result = spawnSync(bin, [...tool.slice(1), ...files], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) {
      return result.status ?? 1;
    }
  }
  return 0;
}

function generate(name: string, url: string): number {
  const before = new Set(readdirSync(MIGRATIONS_DIR));
  const generated = typeorm(['migration:generate', path.join(MIGRATIONS_DIR, name), '--pretty'], url);
  const created = readdirSync(MIGRATIONS_DIR)
    .filter((file) => !before.has(file))
    .map((file) => path.join(MIGRATIONS_DIR, file));
  return generated || (created.length > 0 ? tidy(created) : 0);
}

async function withDatabase(throwaway: boolean, work: (url: string) => number): Promise<number> {
  loadEnvFile(ROOT);
  const config = loadConfig(process.env, ROOT);
  if (config.databaseUrl) {
    return work(config.databaseUrl);
  }
  const dataDir = throwaway ? await mkdtemp(path.join(os.tmpdir(), 'strata-migrations-')) : config.dataDir;
  let embedded: EmbeddedDatabase | undefined;
  try {
    embedded = await startEmbeddedPostgres({ dataDir, database: 'strata', persistent: !throwaway });
    return work(embedded.url);
  } finally {
    await embedded?.stop();
    if (throwaway) {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2).filter((arg) => arg !== '--verbose');
  switch (command) {
    case 'generate':
      if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
        console.error('Usage: npm run migration:generate -- <PascalCaseName>');
        return 2;
      }
      return withDatabase(true, (url) => {
        // The throwaway database gets every migration first, silently: only the diff matters.
        const applied = typeorm(['migration:run'], url, 'error,warn');
        return applied || generate(name, url);
      });
    case 'check':
      return withDatabase(true, (url) => {
        const applied = typeorm(['migration:run'], url, 'error,warn');
        return applied || typeorm(['migration:generate', path.join(MIGRATIONS_DIR, 'Drift'), '--check'], url);
      });
    case 'run':
    case 'revert':
    case 'show':
      return withDatabase(false, (url) => typeorm([`migration:${command}`], url));
    default:
      console.error('Usage: migrations <generate Name | check | run | revert | show>');
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
