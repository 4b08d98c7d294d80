import 'reflect-metadata';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { Type } from 'class-transformer';

const DURATION = /^\d+(ms|s|m|h|d)?$/;
const DURATION_MESSAGE = '$property must be a duration: seconds (900) or with a unit (15m, 30d)';

/** The raw environment, as strings, with the rules each variable must meet (SPEC §7). */
export class EnvironmentVariables {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: '$property must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  DB_POOL_SIZE = 10;

  @Matches(DURATION, { message: DURATION_MESSAGE })
  DB_CONNECT_TIMEOUT = '5s';

  @Matches(DURATION, { message: DURATION_MESSAGE })
  DB_STATEMENT_TIMEOUT = '15s';

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: '$property must be a redis:// URL' })
  REDIS_URL?: string;

  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: '$property must be 1-64 letters, digits, _ . or -' })
  REDIS_PREFIX = 'strata';

  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  @Matches(DURATION, { message: DURATION_MESSAGE })
  JWT_ACCESS_TTL = '15m';

  @Matches(DURATION, { message: DURATION_MESSAGE })
  JWT_REFRESH_TTL = '30d';

  @Matches(DURATION, { message: DURATION_MESSAGE })
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

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Matches(DURATION, { message: DURATION_MESSAGE })
  CACHE_TTL = '5m';

  @Matches(DURATION, { message: DURATION_MESSAGE })
  RATE_LIMIT_WINDOW = '60s';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_MAX = 300;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_AUTH_MAX = 10;

  @Matches(/^\d+(b|kb|mb)$/i, { message: '$property must be a size like 100kb or 1mb' })
  BODY_LIMIT = '100kb';

  @Matches(DURATION, { message: DURATION_MESSAGE })
  REQUEST_TIMEOUT = '30s';

  @Matches(DURATION, { message: DURATION_MESSAGE })
  SHUTDOWN_GRACE = '10s';

  @Matches(DURATION, { message: DURATION_MESSAGE })
  SHUTDOWN_DRAIN = '0s';

  @Type(() => Number)
  @IsInt()
  @Min(19456)
  ARGON2_MEMORY_KIB = 19456;

  @Type(() => Number)
  @IsInt()
  @Min(2)
  ARGON2_TIME_COST = 2;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(16)
  ARGON2_PARALLELISM = 1;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  ARGON2_MAX_QUEUE = 64;

  @IsString()
  DATA_DIR = '.data';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  CLUSTER_WORKERS = 1;
}
