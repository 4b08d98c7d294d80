import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createApp } from '../../src/app.setup';
import type { TestApp } from './test-app';
import { testConfig } from './test-app';
import { createTestDatabase, dropTestDatabase } from './test-database';

/**
 * Several instances of the real app behind one database and one Redis namespace, as behind a load
 * balancer. Closing the returned handle closes every instance and drops the database.
 */
export async function startSharedTestApps(
  count: number,
  env: Record<string, string> = {},
): Promise<{ apps: TestApp[]; close: () => Promise<void> }> {
  const databaseUrl = await createTestDatabase();
  const shared = { REDIS_PREFIX: `strata-test-shared-${randomBytes(4).toString('hex')}`, ...env };
  const apps: TestApp[] = [];
  // One after the other: the first applies the migrations, the rest find nothing left to do.
  for (let i = 0; i < count; i += 1) {
    const config = testConfig(databaseUrl, shared);
    const app = await createApp(config);
    const server = app.getHttpServer();
    apps.push({ app, config, http: () => request(server), close: () => app.close() });
  }
  return {
    apps,
    close: async () => {
      await Promise.all(apps.map((instance) => instance.close()));
      await dropTestDatabase(databaseUrl);
    },
  };
}
