import type { Type } from '@nestjs/common';
import { ServiceUnavailableException, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { answerWithError } from './common/filters/all-exceptions.filter';
import { requestEdge } from './common/http/request-edge';
import { securityHeaders } from './common/http/security-headers';
import { applyServerTimeouts } from './common/http/server-timeouts';
import { StrataExpressAdapter } from './common/http/strata-express-adapter';
import type { Loggers } from './common/logging/loggers';
import { createLoggers } from './common/logging/loggers';
import { LOGGERS } from './common/logging/logging.module';
import { logRequest } from './common/logging/request-log';
import { BlockedClients } from './common/rate-limit/blocked-clients';
import { earlyRefusal } from './common/rate-limit/early-refusal';
import { RATE_LIMIT_HEADERS } from './common/rate-limit/rate-limit-headers';
import { RefusalPacing } from './common/rate-limit/refusal-pacing';
import { createOpenApiDocument, setupOpenApi } from './common/openapi/openapi';
import { OpsListener } from './ops/ops-listener';
import { recordHttpRequest } from './metrics/http-metrics';
import { MetricsRegistry } from './metrics/metrics.registry';
import type { AppConfigValues } from './config/app-config';

export const API_PREFIX = 'api';
/** Served outside /api/v1 and without the envelope. */
const UNPREFIXED_ROUTES = ['health/live', 'health/ready', 'metrics', 'docs/json'];

export interface CreateAppOptions {
  /** Extra modules, for tests that need routes of their own. */
  extraModules?: Type[];
  /** The loggers to log through (main.ts made them already, to report a failed start); new ones by default. */
  loggers?: Loggers;
}

/**
 * The single bootstrap: main.ts and every end-to-end test build the app here, so tests exercise
 * exactly what production runs. The app is initialised (connected, migrated) but not listening.
 */
export async function createApp(
  config: AppConfigValues,
  options: CreateAppOptions = {},
): Promise<NestExpressApplication> {
  const loggers = options.loggers ?? createLoggers(config);
  // Nest logs through the app's logger from its first line: a start that fails (a database that
  // cannot be reached) shows each step as it happens, as JSON, not in a burst at the end.
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, options.extraModules, loggers),
    new StrataExpressAdapter(),
    { bodyParser: false, logger: loggers.nest, abortOnError: false },
  );
  applyServerTimeouts(app.getHttpServer(), config.requestTimeout);
  configureApp(app, config);
  await app.init();
  return app;
}

export function configureApp(app: NestExpressApplication, config: AppConfigValues): void {
  app.use(requestEdgeOf(app, config));
  if (config.opsPort !== undefined) {
    const ops = app.get(OpsListener);
    applyServerTimeouts(ops.attach(app.getHttpAdapter().getInstance()), config.requestTimeout);
    app.use(ops.gate());
  }
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: [...config.corsOrigins],
      exposedHeaders: ['X-Request-Id', 'ETag', 'Retry-After', ...RATE_LIMIT_HEADERS],
    });
  }
  const ops = app.get(OpsListener);
  app.use(
    earlyRefusal({
      blocked: app.get(BlockedClients),
      pacing: app.get(RefusalPacing),
      limit: config.rateLimitMax,
      windowSeconds: config.rateLimitWindow,
      isExempt: (req) => ops.isOpsRequest(req),
    }),
  );
  configureRoutes(app);
  if (config.docsEnabled) {
    setupOpenApi(app);
  }
}

/**
 * The first middleware of every request (request id, Helmet's headers, the request timeout), and
 * what it reports once the response is over: the request log line and the duration histogram.
 */
function requestEdgeOf(app: NestExpressApplication, config: AppConfigValues) {
  const metrics = app.get(MetricsRegistry);
  const requestLog = app.get<Loggers>(LOGGERS).requests;
  return requestEdge({
    headers: securityHeaders(),
    timeoutMs: config.requestTimeout * 1000,
    onTimeout: (req, res) => {
      if (!res.headersSent) {
        answerWithError(req, res, new ServiceUnavailableException('Request timed out'));
      }
    },
    onDone: (req, res, durationMs) => {
      if (res.writableFinished) {
        recordHttpRequest(metrics, req, res, durationMs / 1000);
      }
      logRequest(requestLog, req, res, durationMs);
    },
  });
}

/** Route prefix and versioning: all the document needs of configureApp, so both stay in step. */
function configureRoutes(app: NestExpressApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
}

/**
 * The OpenAPI document without a database: Nest's preview mode registers every module, route and
 * decorator but instantiates no provider, so nothing connects. `npm run openapi` writes it, and an
 * end-to-end test checks that it equals what the running app serves at /docs/json.
 */
export async function buildOpenApiDocument(config: AppConfigValues): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config),
    new StrataExpressAdapter(),
    {
      preview: true,
      logger: false,
      abortOnError: false,
    },
  );
  try {
    configureRoutes(app);
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
