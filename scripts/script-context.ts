import type { INestApplicationContext } from '@nestjs/common';
import { connectCacheBackend } from '../src/common/cache/cache-store';
import type { CacheBackend } from '../src/common/cache/cache-store';
import { CACHE_BACKEND } from '../src/common/cache/resource-cache';
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
      // Connected before the work, so the invalidations of its writes reach the running instances.
      await connectCacheBackend(app.get<CacheBackend>(CACHE_BACKEND));
      return work(app);
    });
  } finally {
    await embedded?.stop();
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
