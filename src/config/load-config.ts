import path from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { AppConfigValues, LogLevel, NodeEnv } from './app-config';
import { parseDurationSeconds } from './duration';
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

/** A replayed token is honoured this long at most: the grace is for concurrent tabs, not for thieves. */
const MAX_REFRESH_REUSE_GRACE_SECONDS = 60;

/** A bad duration is reported by validation already; here it just takes no part in comparisons. */
function secondsOrUndefined(value: string): number | undefined {
  try {
    return parseDurationSeconds(value);
  } catch {
    return undefined;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): AppConfigValues {
  const raw = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const vars = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const problems = validateSync(vars, { skipMissingProperties: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );

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
  const drain = secondsOrUndefined(vars.SHUTDOWN_DRAIN);
  const grace = secondsOrUndefined(vars.SHUTDOWN_GRACE);
  if (drain !== undefined && grace !== undefined && drain >= grace) {
    problems.push('SHUTDOWN_DRAIN must be shorter than SHUTDOWN_GRACE, which includes it');
  }
  const reuseGrace = secondsOrUndefined(vars.JWT_REFRESH_REUSE_GRACE);
  if (reuseGrace !== undefined && reuseGrace > MAX_REFRESH_REUSE_GRACE_SECONDS) {
    problems.push(
      `JWT_REFRESH_REUSE_GRACE must be at most ${MAX_REFRESH_REUSE_GRACE_SECONDS}s (0 turns it off)`,
    );
  }
  if (vars.CLUSTER_WORKERS > 1 && !vars.REDIS_URL) {
    problems.push(
      'CLUSTER_WORKERS above 1 needs REDIS_URL: the workers must share the cache (a write through one would leave the others serving what it changed) and the rate limits',
    );
  }
  if (Boolean(vars.ADMIN_EMAIL) !== Boolean(vars.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }

  return {
    nodeEnv: vars.NODE_ENV as NodeEnv,
    port: vars.PORT,
    host: vars.HOST,
    databaseUrl: vars.DATABASE_URL,
    dbPoolSize: vars.DB_POOL_SIZE,
    dbConnectTimeout: parseDurationSeconds(vars.DB_CONNECT_TIMEOUT),
    dbStatementTimeout: parseDurationSeconds(vars.DB_STATEMENT_TIMEOUT),
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
    rateLimitMax: vars.RATE_LIMIT_MAX,
    rateLimitAuthMax: vars.RATE_LIMIT_AUTH_MAX,
    bodyLimit: vars.BODY_LIMIT.toLowerCase(),
    requestTimeout: parseDurationSeconds(vars.REQUEST_TIMEOUT),
    shutdownGrace: parseDurationSeconds(vars.SHUTDOWN_GRACE),
    shutdownDrain: parseDurationSeconds(vars.SHUTDOWN_DRAIN),
    argon2MemoryKib: vars.ARGON2_MEMORY_KIB,
    argon2TimeCost: vars.ARGON2_TIME_COST,
    argon2Parallelism: vars.ARGON2_PARALLELISM,
    argon2MaxQueue: vars.ARGON2_MAX_QUEUE,
    dataDir: path.resolve(cwd, vars.DATA_DIR),
    clusterWorkers: vars.CLUSTER_WORKERS,
  };
}
