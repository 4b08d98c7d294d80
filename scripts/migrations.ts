import { spawnSync } from 'node:child_process';
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
 *   node dist/scripts/migrations.js generate AddPosts | check | run | revert | show
 */
const ROOT = path.resolve(__dirname, '..', '..');
const MIGRATIONS_DIR = path.join(ROOT, 'src', 'database', 'migrations');
const DATA_SOURCE = path.join(ROOT, 'dist', 'ormconfig.js');

function typeorm(args: string[], databaseUrl: string): number {
  const cli = require.resolve('typeorm/cli.js');
  const result = spawnSync(process.execPath, [cli, ...args, '-d', DATA_SOURCE], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  return result.status ?? 1;
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
  const [command, name] = process.argv.slice(2);
  switch (command) {
    case 'generate':
      if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
        console.error('Usage: npm run migration:generate -- <PascalCaseName>');
        return 2;
      }
      return withDatabase(true, (url) => {
        const applied = typeorm(['migration:run'], url);
        return applied || typeorm(['migration:generate', path.join(MIGRATIONS_DIR, name), '--pretty'], url);
      });
    case 'check':
      return withDatabase(true, (url) => {
        const applied = typeorm(['migration:run'], url);
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
