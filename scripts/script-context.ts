import KeyvRedis from '@keyv/redis';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import type { INestApplicationContext } from '@nestjs/common';
import type { Cache } from 'cache-manager';
import path from 'node:path';
import type { LoadedConfig } from '../src/config/app-config';
import { loadConfig } from '../src/config/load-config';
import { loadEnvFile } from '../src/config/load-env-file';
import { withDevelopmentDefaults } from '../src/bootstrap/development-defaults';
import { withAppContext } from './seed-data';

const ROOT = path.resolve(__dirname, '..', '..');

/** The configuration an operator script runs with: .env, then the environment; logs at `warn`. */
export function scriptConfig(): LoadedConfig {
  loadEnvFile(ROOT);
  return loadConfig({ LOG_LEVEL: 'warn', ...process.env }, ROOT);
}

/**
 * Runs `work` in the application context (services, cache, migrations) on the development
 * database: DATABASE_URL when set, else the embedded PostgreSQL under DATA_DIR that `npm start`
 * uses, started for the script and stopped after (stop the app first: one server per data dir).
 */
export async function withScriptContext<T>(
  config: LoadedConfig,
  work: (app: INestApplicationContext) => Promise<T>,
): Promise<T> {
  const { config: resolved, embedded } = await withDevelopmentDefaults(config, {
    info: (message) => console.log(message),
  });
  try {
    return await withAppContext(resolved, async (app) => {
      await connectSharedCache(app);
      return work(app);
    });
  } finally {
    await embedded?.stop();
  }
}

/**
 * The app's Redis client connects on first use and queues nothing while it is not connected (a
 * request must not wait on it). A script writes once and exits: it connects first, so the
 * invalidations of its writes reach the cache the running instances read.
 */
async function connectSharedCache(app: INestApplicationContext): Promise<void> {
  for (const keyv of app.get<Cache>(CACHE_MANAGER).stores) {
    if (keyv.store instanceof KeyvRedis) {
      await keyv.store.getClient();
    }
  }
}

/** `main` → the process exit code; an unexpected error prints its message only. */
export function runScript(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
