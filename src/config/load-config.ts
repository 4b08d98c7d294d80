import path from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { AppConfigValues, LogLevel, NodeEnv } from './app-config';
import { parseDurationSeconds } from './duration';
import { shown } from './env-rules';
import { EnvironmentVariables } from './environment-variables';
import { isStrongSecret, SECRET_STRENGTH_RULE } from './secret-strength';

/** Startup refuses to go on; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Secrets that ship in docs and examples; production must never run with them. */
const KNOWN_DEV_SECRETS = new Set(['change-me-to-a-long-random-string-of-32-chars-or-more']);

export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): AppConfigValues {
  const raw = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const vars = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  // One message per bad variable: its first broken rule; the checks across variables below only
  // look at variables that passed their own.
  const errors = validateSync(vars, { skipMissingProperties: false, stopAtFirstError: true });
  const problems = errors.flatMap((error) => Object.values(error.constraints ?? {}).slice(0, 1));
  const valid = (name: keyof EnvironmentVariables) => !errors.some((error) => error.property === name);

  if (vars.NODE_ENV === 'production') {
    if (!vars.DATABASE_URL) {
      problems.push('DATABASE_URL is required in production (the embedded database is for development only)');
    }
    if (!vars.JWT_SECRET) {
      problems.push(`JWT_SECRET is required in production: ${SECRET_STRENGTH_RULE}`);
    } else if (KNOWN_DEV_SECRETS.has(vars.JWT_SECRET)) {
      problems.push('JWT_SECRET must not be the example value in production');
    } else if (vars.JWT_SECRET.length >= 32 && !isStrongSecret(vars.JWT_SECRET)) {
      problems.push(`JWT_SECRET is too weak for production: it needs ${SECRET_STRENGTH_RULE}`);
    }
  }
  const drainFits = () =>
    parseDurationSeconds(vars.SHUTDOWN_DRAIN) < parseDurationSeconds(vars.SHUTDOWN_GRACE);
  if (valid('SHUTDOWN_DRAIN') && valid('SHUTDOWN_GRACE') && !drainFits()) {
    problems.push(
      `SHUTDOWN_DRAIN must be shorter than SHUTDOWN_GRACE, which includes it (got ${shown(vars.SHUTDOWN_DRAIN)} and ${shown(vars.SHUTDOWN_GRACE)})`,
    );
  }
  if (valid('JWT_REFRESH_REUSE_GRACE') && parseDurationSeconds(vars.JWT_REFRESH_REUSE_GRACE) > 60) {
    problems.push(
      `JWT_REFRESH_REUSE_GRACE must be at most 60s, 0 turns it off (got ${shown(vars.JWT_REFRESH_REUSE_GRACE)})`,
    );
  }
  if (valid('CLUSTER_WORKERS') && Number(vars.CLUSTER_WORKERS) > 1 && !vars.REDIS_URL) {
    problems.push(
      'CLUSTER_WORKERS above 1 needs REDIS_URL: the workers must share the cache (a write through one would leave the others serving what it changed) and the rate limits',
    );
  }
  if (vars.OPS_PORT !== undefined && Number(vars.OPS_PORT) === Number(vars.PORT)) {
    problems.push('OPS_PORT must differ from PORT: the operational endpoints need a listener of their own');
  }
  if (Boolean(vars.ADMIN_EMAIL) !== Boolean(vars.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }

  return {
    nodeEnv: vars.NODE_ENV as NodeEnv,
    port: Number(vars.PORT),
    host: vars.HOST,
    opsPort: vars.OPS_PORT === undefined ? undefined : Number(vars.OPS_PORT),
    metricsToken: vars.METRICS_TOKEN,
    docsEnabled:
      vars.DOCS_ENABLED === undefined ? vars.NODE_ENV !== 'production' : vars.DOCS_ENABLED === 'true',
    databaseUrl: vars.DATABASE_URL,
    dbPoolSize: Number(vars.DB_POOL_SIZE),
    dbConnectTimeout: parseDurationSeconds(vars.DB_CONNECT_TIMEOUT),
    dbStatementTimeout: parseDurationSeconds(vars.DB_STATEMENT_TIMEOUT),
    dbConnectAttempts: Number(vars.DB_CONNECT_ATTEMPTS),
    dbConnectRetryDelay: parseDurationSeconds(vars.DB_CONNECT_RETRY_DELAY),
    redisUrl: vars.REDIS_URL,
    redisPrefix: vars.REDIS_PREFIX,
    jwtSecret: vars.JWT_SECRET,
    jwtAccessTtl: parseDurationSeconds(vars.JWT_ACCESS_TTL),
    jwtRefreshTtl: parseDurationSeconds(vars.JWT_REFRESH_TTL),
    jwtRefreshReuseGrace: parseDurationSeconds(vars.JWT_REFRESH_REUSE_GRACE),
    adminEmail: vars.ADMIN_EMAIL,
    adminPassword: vars.ADMIN_PASSWORD,
    corsOrigins: vars.CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    trustProxy: vars.TRUST_PROXY,
    logLevel: vars.LOG_LEVEL as LogLevel,
    cacheTtl: parseDurationSeconds(vars.CACHE_TTL),
    rateLimitWindow: parseDurationSeconds(vars.RATE_LIMIT_WINDOW),
    rateLimitMax: Number(vars.RATE_LIMIT_MAX),
    rateLimitAuthMax: Number(vars.RATE_LIMIT_AUTH_MAX),
    rateLimitAccountMax: Number(vars.RATE_LIMIT_ACCOUNT_MAX),
    bodyLimit: vars.BODY_LIMIT.toLowerCase(),
    requestTimeout: parseDurationSeconds(vars.REQUEST_TIMEOUT),
    shutdownGrace: parseDurationSeconds(vars.SHUTDOWN_GRACE),
    shutdownDrain: parseDurationSeconds(vars.SHUTDOWN_DRAIN),
    argon2MemoryKib: Number(vars.ARGON2_MEMORY_KIB),
    argon2TimeCost: Number(vars.ARGON2_TIME_COST),
    argon2Parallelism: Number(vars.ARGON2_PARALLELISM),
    argon2MaxQueue: Number(vars.ARGON2_MAX_QUEUE),
    dataDir: path.resolve(cwd, vars.DATA_DIR),
    clusterWorkers: Number(vars.CLUSTER_WORKERS),
  };
}
