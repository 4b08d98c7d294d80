import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import type { EmbeddedDatabase } from '../../src/database/embedded-postgres';
import { ADMIN_URL_VARIABLE } from './test-database';

declare global {
  var strataEmbeddedDatabase: (EmbeddedDatabase & { dataDir: string }) | undefined;
}

/**
 * With DATABASE_URL, test files create their databases on that server; without it, on an
 * embedded PostgreSQL in a throwaway folder that the teardown removes.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env[ADMIN_URL_VARIABLE] = process.env.DATABASE_URL;
    return;
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'strata-test-'));
  const embedded = await startEmbeddedPostgres({ dataDir, database: 'strata_test', persistent: false });
  globalThis.strataEmbeddedDatabase = Object.assign(embedded, { dataDir });
  process.env[ADMIN_URL_VARIABLE] = embedded.url;
}
