import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by the global setup: a server where each test file may create its own database. */
export const ADMIN_URL_VARIABLE = 'STRATA_TEST_ADMIN_URL';

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Refuses anything but a throwaway test database, so a test can never touch real data. */
export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) {
    throw new Error(`Refusing to run tests against database "${name}": its name must contain "test".`);
  }
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const adminUrl = process.env[ADMIN_URL_VARIABLE];
  if (!adminUrl) {
    throw new Error(`${ADMIN_URL_VARIABLE} is not set: run end-to-end tests through jest (npm test).`);
  }
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database for one test file; returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const name = `strata_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  const url = withDatabase(process.env[ADMIN_URL_VARIABLE] as string, name);
  assertTestDatabase(url);
  return url;
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  assertTestDatabase(url);
  await withAdminClient((client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  );
}
