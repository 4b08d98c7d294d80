import { randomBytes } from 'node:crypto';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../src/app.setup';
import type { AppConfigValues } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { createTestDatabase, dropTestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfigValues;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

export const TEST_JWT_SECRET = 'test-only-secret-that-is-long-enough-0123456789';

/** Settings for tests: quiet logs, a fixed secret, generous rate limits; any variable may be overridden. */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfigValues {
  return loadConfig({
    // With REDIS_URL (the second CI pass) the app uses that server, under a namespace of its own.
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    REDIS_PREFIX: `strata-test-${randomBytes(4).toString('hex')}`,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    DATABASE_URL: databaseUrl,
    // Tests send many requests from one address; rate-limit tests set their own, lower budgets.
    RATE_LIMIT_MAX: '100000',
    RATE_LIMIT_AUTH_MAX: '100000',
    ...env,
  });
}

export interface TestAppOptions {
  env?: Record<string, string>;
  extraModules?: Type[];
}

/** The real app, through the shared bootstrap, on a fresh database of its own. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = await createTestDatabase();
  const config = testConfig(databaseUrl, options.env);
  const app = await createApp(config, { extraModules: options.extraModules });
  const server = app.getHttpServer();
  return {
    app,
    config,
    http: () => request(server),
    close: async () => {
      await app.close();
      await dropTestDatabase(databaseUrl);
    },
  };
}
