export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * The validated, typed configuration. It doubles as the DI token, so any provider can ask for
 * `AppConfig` in its constructor. Durations are in seconds.
 */
export abstract class AppConfig {
  abstract readonly nodeEnv: NodeEnv;
  abstract readonly port: number;
  abstract readonly host: string;
  /** The internal listener for /metrics and /health/*; unset, they are answered on `port`. */
  abstract readonly opsPort: number | undefined;
  /** A secret: when set, /metrics needs `Authorization: Bearer <it>` on whichever port serves it. */
  abstract readonly metricsToken: string | undefined;
  /** Swagger UI at /docs and the document at /docs/json. */
  abstract readonly docsEnabled: boolean;
  /** Unset means "start the embedded PostgreSQL"; main.ts fills it in before Nest boots. */
  abstract readonly databaseUrl: string | undefined;
  abstract readonly dbPoolSize: number;
  abstract readonly dbConnectTimeout: number;
  abstract readonly dbStatementTimeout: number;
  /** Tries to reach the database at startup, DB_CONNECT_RETRY_DELAY apart, before giving up. */
  abstract readonly dbConnectAttempts: number;
  abstract readonly dbConnectRetryDelay: number;
  abstract readonly redisUrl: string | undefined;
  /** Namespaces every Redis key, so environments can share a server. */
  abstract readonly redisPrefix: string;
  abstract readonly jwtSecret: string | undefined;
  abstract readonly jwtAccessTtl: number;
  abstract readonly jwtRefreshTtl: number;
  /** How long after its rotation a refresh token presented again still gets a pair (0: never). */
  abstract readonly jwtRefreshReuseGrace: number;
  abstract readonly adminEmail: string | undefined;
  abstract readonly adminPassword: string | undefined;
  abstract readonly corsOrigins: readonly string[];
  abstract readonly trustProxy: string | undefined;
  abstract readonly logLevel: LogLevel;
  abstract readonly cacheTtl: number;
  abstract readonly rateLimitWindow: number;
  abstract readonly rateLimitMax: number;
  abstract readonly rateLimitAuthMax: number;
  /** Failed password checks per account (sign-in, or a sensitive action) per window before a lock-out. */
  abstract readonly rateLimitAccountMax: number;
  abstract readonly bodyLimit: string;
  abstract readonly requestTimeout: number;
  abstract readonly shutdownGrace: number;
  /** After SIGTERM, how long the listener stays open (readiness 503) before it closes. */
  abstract readonly shutdownDrain: number;
  abstract readonly argon2MemoryKib: number;
  abstract readonly argon2TimeCost: number;
  abstract readonly argon2Parallelism: number;
  /** Hash and verify operations that may wait for a core; beyond it a request gets 503. */
  abstract readonly argon2MaxQueue: number;
  abstract readonly dataDir: string;
  /** Worker processes (node:cluster) sharing the port; 1 runs the app in this process. */
  abstract readonly clusterWorkers: number;
}

export type AppConfigValues = { -readonly [K in keyof AppConfig]: AppConfig[K] };
