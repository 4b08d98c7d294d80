import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../src/app.setup';
import { testConfig } from './test-app';

export interface AppOnDatabase {
  app: NestExpressApplication;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/**
 * The real app, through the shared bootstrap, on a database the caller owns (startTestApp makes
 * its own on the suite's server; a fault test needs one on a server it can freeze or stop).
 */
export async function startAppOnDatabase(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<AppOnDatabase> {
  const app = await createApp(testConfig(databaseUrl, env));
  const server = app.getHttpServer();
  return { app, http: () => request(server), close: () => app.close() };
}
