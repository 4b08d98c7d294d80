import path from 'node:path';
import { loadConfig } from '../src/config/load-config';
import { loadEnvFile } from '../src/config/load-env-file';
import type { EmbeddedDatabase } from '../src/database/embedded-postgres';
import { readOrCreateSecret, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { seedDemoData, withAppContext } from './seed-data';

/**
 * `npm run seed`: demo accounts and posts in the development database — the embedded one under
 * DATA_DIR that `npm start` uses (stop the app first), or DATABASE_URL. Idempotent.
 *
 *   node dist/scripts/seed.js
 */
const ROOT = path.resolve(__dirname, '..', '..');
/** The database `npm start` creates in the embedded cluster (see src/main.ts). */
const EMBEDDED_DATABASE_NAME = 'strata';

async function main(): Promise<number> {
  loadEnvFile(ROOT);
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env }, ROOT);
  if (config.nodeEnv === 'production') {
    console.error('Refusing to seed in NODE_ENV=production: the demo accounts have published passwords.');
    return 1;
  }
  const jwtSecret = config.jwtSecret ?? (await readOrCreateSecret(path.join(config.dataDir, 'jwt-secret')));
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    console.log(`Starting the embedded PostgreSQL (data in ${config.dataDir})…`);
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      database: EMBEDDED_DATABASE_NAME,
      persistent: true,
    });
    databaseUrl = embedded.url;
  }
  try {
    const summary = await withAppContext({ ...config, jwtSecret, databaseUrl }, seedDemoData);
    console.log(
      `Seeded ${summary.usersCreated} new account(s) and ${summary.postsCreated} new post(s) ` +
        '(existing ones are kept as they are).\n\nDemo accounts (email, username, password, role), for POST /api/v1/auth/login:',
    );
    const rows = summary.accounts.map(({ email, username, password, role }) => [
      email,
      username,
      password,
      role,
    ]);
    const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column].length)));
    for (const row of rows) {
      console.log(`  ${row.map((cell, column) => cell.padEnd(widths[column])).join('   ')}`.trimEnd());
    }
    return 0;
  } finally {
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
