import 'reflect-metadata';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { DurationBetween, IntegerBetween, OneOf, SizeBetween, UrlOf } from './env-rules';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The raw environment, as strings, each variable with its one rule (bounds included) beside its
 * default. A new bounded variable is one decorator: `@DurationBetween('1s', '10m')` or
 * `@IntegerBetween(1, 100)` (with `@IsOptional()` first when it may be unset).
 */
export class EnvironmentVariables {
  @OneOf(NODE_ENVS)
  NODE_ENV = 'development';

  /** 0 lets the operating system pick a free port (the startup line shows which). */
  @IntegerBetween(0, 65535)
  PORT = '3000';

  @IsString()
  HOST = '0.0.0.0';

  /** Unset: /metrics and the probes are answered on PORT with the API. */
  @IsOptional()
  @IntegerBetween(1, 65535)
  OPS_PORT?: string;

  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(256)
  METRICS_TOKEN?: string;

  /** Unset: on outside production, off in production. */
  @IsOptional()
  @OneOf(['true', 'false'])
  DOCS_ENABLED?: string;

  @IsOptional()
  @UrlOf(['postgres', 'postgresql'])
  DATABASE_URL?: string;

  @IntegerBetween(1, 1000)
  DB_POOL_SIZE = '10';

  @DurationBetween('1s', '5m')
  DB_CONNECT_TIMEOUT = '5s';

  @DurationBetween('1s', '1h')
  DB_STATEMENT_TIMEOUT = '15s';

  /** Tries to reach the database at startup before giving up (1: no retry). */
  @IntegerBetween(1, 100)
  DB_CONNECT_ATTEMPTS = '5';

  @DurationBetween('100ms', '1m')
  DB_CONNECT_RETRY_DELAY = '2s';

  @IsOptional()
  @UrlOf(['redis', 'rediss'])
  REDIS_URL?: string;

  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: '$property must be 1-64 letters, digits, _ . or -' })
  REDIS_PREFIX = 'strata';

  // Secrets: the messages of these rules never show the value.
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  @DurationBetween('1m', '24h')
  JWT_ACCESS_TTL = '15m';

  @DurationBetween('1h', '365d')
  JWT_REFRESH_TTL = '30d';

  /** A just-rotated refresh token presented again this soon gets a pair of its family (0: off). */
  @DurationBetween('0s', '1m')
  JWT_REFRESH_REUSE_GRACE = '10s';

  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(8)
  @MaxLength(128)
  ADMIN_PASSWORD?: string;

  @IsString()
  CORS_ORIGINS = '';

  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @OneOf(LOG_LEVELS)
  LOG_LEVEL = 'info';

  @DurationBetween('1s', '1d')
  CACHE_TTL = '5m';

  @DurationBetween('1s', '1d')
  RATE_LIMIT_WINDOW = '60s';

  // Up to a billion, which in effect lifts the limit (load tests do); more is a typo.
  @IntegerBetween(1, 1_000_000_000)
  RATE_LIMIT_MAX = '300';

  @IntegerBetween(1, 1_000_000_000)
  RATE_LIMIT_AUTH_MAX = '10';

  @IntegerBetween(1, 1000)
  RATE_LIMIT_ACCOUNT_MAX = '10';

  @SizeBetween('1kb', '10mb')
  BODY_LIMIT = '100kb';

  @DurationBetween('1s', '10m')
  REQUEST_TIMEOUT = '30s';

  @DurationBetween('1s', '10m')
  SHUTDOWN_GRACE = '10s';

  /** Must also be shorter than SHUTDOWN_GRACE (checked in load-config.ts). */
  @DurationBetween('0s', '10m')
  SHUTDOWN_DRAIN = '0s';

  /** OWASP's minimum for argon2id (19 MiB, 2 passes) up to what one hash may sensibly cost. */
  @IntegerBetween(19456, 1_048_576)
  ARGON2_MEMORY_KIB = '19456';

  @IntegerBetween(2, 20)
  ARGON2_TIME_COST = '2';

  @IntegerBetween(1, 16)
  ARGON2_PARALLELISM = '1';

  @IntegerBetween(1, 10000)
  ARGON2_MAX_QUEUE = '64';

  @IsString()
  DATA_DIR = '.data';

  @IntegerBetween(1, 64)
  CLUSTER_WORKERS = '1';
}
