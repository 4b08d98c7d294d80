import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { createApp } from '../../src/app.setup';
import { OpenApiDocumentSource } from '../../src/common/openapi/openapi-document.source';
import type { AppConfigValues } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { ContractChecker } from './contract';
import { createTestDatabase, dropTestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfigValues;
  /**
   * Requests to the app. Each response under /api is checked against the app's OpenAPI document
   * (see ContractChecker); `{ contract: false }` skips that, for a test that deliberately provokes
   * what no document can describe.
   */
  http: (options?: { contract?: boolean }) => ReturnType<typeof request>;
  close: () => Promise<void>;
}

export const TEST_JWT_SECRET = 'test-only-secret-that-is-long-enough-0123456789';

/** Settings for tests: quiet logs, a fixed secret, generous rate limits; any variable may be overridden. */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfigValues {
  const loaded = loadConfig({
    // With REDIS_URL (the second CI pass) the app uses that server, under a namespace of its own.
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    REDIS_PREFIX: `strata-test-${randomBytes(4).toString('hex')}`,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: TEST_JWT_SECRET,
    DATABASE_URL: databaseUrl,
    // Mail written without SMTP_URL goes to DATA_DIR/mail: a temporary folder, never the project's .data.
    DATA_DIR: path.join(os.tmpdir(), 'strata-test-data'),
    // Tests send many requests from one address; rate-limit tests set their own, lower budgets.
    RATE_LIMIT_MAX: '100000',
    RATE_LIMIT_AUTH_MAX: '100000',
    RATE_LIMIT_ACCOUNT_MAX: '1000',
    ...env,
  });
  return {
    ...loaded,
    databaseUrl: loaded.databaseUrl ?? databaseUrl,
    jwtSecret: loaded.jwtSecret ?? TEST_JWT_SECRET,
  };
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
  return {
    app,
    config,
    http: contractCheckedHttp(app),
    close: async () => {
      await app.close();
      await dropTestDatabase(databaseUrl);
    },
  };
}

/**
 * `TestApp.http` for an initialised app: supertest, with the contract check against the document
 * the app serves as the first assertion of every request. For suites that build apps themselves.
 */
export function contractCheckedHttp(app: NestExpressApplication): TestApp['http'] {
  const server = app.getHttpServer() as Parameters<typeof request>[0];
  // The bytes /docs/json serves, read without a request that would spend the rate-limit budget.
  const document = JSON.parse(app.get(OpenApiDocumentSource).served.body.toString()) as OpenAPIObject;
  const contract = new ContractChecker(document);
  return ({ contract: checked = true } = {}) => {
    const requests = request(server);
    if (!checked) {
      return requests;
    }
    return new Proxy(requests, {
      get(target, method, receiver) {
        const make: unknown = Reflect.get(target, method, receiver);
        if (typeof method !== 'string' || typeof make !== 'function') {
          return make;
        }
        return (url: string) =>
          (make as (url: string) => request.Test)
            .call(target, url)
            .expect((res: request.Response) => contract.check(method, url, res));
      },
    });
  };
}
