import { MIN_SECRET_DISTINCT_CHARACTERS, MIN_SECRET_ENTROPY_BITS } from './secret-strength';
import {
  directory,
  duration,
  email,
  flag,
  integer,
  linkTemplate,
  list,
  mailbox,
  matching,
  oneOf,
  proxyTrust,
  size,
  text,
  url,
} from './setting-kinds';
import type { RawEnv } from './setting-kinds';

/** A product name that fits in a mail header as it is, and in quotes as a display name. */
const APP_NAME_PATTERN = /^[^\r\n<>"\\]{1,100}$/;

/** The default sender: the product's name (when APP_NAME is valid; it reports itself otherwise) at localhost. */
function defaultMailFrom(env: RawEnv): string {
  const name = env.APP_NAME !== undefined && APP_NAME_PATTERN.test(env.APP_NAME) ? env.APP_NAME : 'Strata';
  return `"${name}" <no-reply@localhost>`;
}

/**
 * Where a development link opens: Swagger UI on this server, at the operation that takes the token
 * (the token shows in the address bar). A bad PORT is reported as such, not as a bad link too.
 */
function developmentLink(operationId: string) {
  return (env: RawEnv) => {
    const port =
      env.PORT !== undefined && /^\d{1,5}$/.test(env.PORT) && Number(env.PORT) <= 65535 ? env.PORT : '3000';
    return `http://localhost:${port}/docs/?token={token}#/accounts/Accounts_${operationId}`;
  };
}

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every setting, once: the config property it fills, its variable, kind and bounds, default and
 * meaning. The typed config (app-config.ts) and its validation (load-config.ts) are derived from
 * this table, and so are `.env.example` and the README's table (`npm run config:docs`). Adding a
 * setting is adding a row; a rule across variables goes in load-config.ts, named here in `rule`.
 * Defaults are written as the variable would be; durations are seconds in the config.
 */
export const SETTINGS = {
  nodeEnv: oneOf('NODE_ENV', NODE_ENVS, {
    default: 'development',
    doc: '`production` forbids the embedded database and dev secrets, and requires `DATABASE_URL` and `JWT_SECRET`',
  }),
  port: integer('PORT', {
    min: 0,
    max: 65535,
    default: '3000',
    doc: 'where the API listens; 0 lets the operating system pick a free port (the startup line shows which)',
  }),
  host: text('HOST', { default: '0.0.0.0', allowed: 'an address', doc: 'the address the listeners bind to' }),
  opsPort: integer('OPS_PORT', {
    min: 1,
    max: 65535,
    rule: 'not `PORT`',
    unset: 'on `PORT`',
    example: '9100',
    doc: 'internal listener for `/metrics` and `/health/*`, which then leave `PORT`; point probes and Prometheus at it',
  }),
  metricsToken: text('METRICS_TOKEN', {
    minLength: 16,
    maxLength: 256,
    secret: true,
    unset: '`/metrics` open on `OPS_PORT`, and on `PORT` outside production only',
    example: 'replace-with-a-long-random-token',
    doc: '`/metrics` then needs `Authorization: Bearer <it>` on whichever port serves it',
  }),
  docsEnabled: flag('DOCS_ENABLED', {
    default: (env) => (env.NODE_ENV === 'production' ? 'false' : 'true'),
    unset: '`true`; `false` in production',
    example: 'true',
    doc: 'Swagger UI at `/docs` and the document at `/docs/json` (404 when off)',
  }),
  /** Unset means "start the embedded PostgreSQL"; main.ts fills it in before Nest boots. */
  databaseUrl: url('DATABASE_URL', {
    schemes: ['postgres', 'postgresql'],
    unset: 'embedded PostgreSQL, its data under `DATA_DIR`',
    example: 'postgres://user:password@localhost:5432/strata',
    doc: 'the database; required in production (its password is never shown in a log or message)',
  }),
  dbPoolSize: integer('DB_POOL_SIZE', { min: 1, max: 1000, default: '10', doc: 'connection pool size' }),
  dbConnectTimeout: duration('DB_CONNECT_TIMEOUT', {
    min: '1s',
    max: '5m',
    default: '5s',
    doc: 'how long to wait for a connection from the pool before failing with 503',
  }),
  dbStatementTimeout: duration('DB_STATEMENT_TIMEOUT', {
    min: '1s',
    max: '1h',
    default: '15s',
    doc: 'how long one statement may run before failing with 503',
  }),
  dbConnectAttempts: integer('DB_CONNECT_ATTEMPTS', {
    min: 1,
    max: 100,
    default: '5',
    doc: 'at startup, tries to reach the database before exiting 1 (1: no retry)',
  }),
  dbConnectRetryDelay: duration('DB_CONNECT_RETRY_DELAY', {
    min: '100ms',
    max: '1m',
    default: '2s',
    doc: 'at startup, the pause between those tries',
  }),
  redisUrl: url('REDIS_URL', {
    schemes: ['redis', 'rediss'],
    unset: 'in-process cache and rate limiter',
    example: 'redis://localhost:6379',
    doc: 'the cache and rate limiter, shared across instances through it',
  }),
  redisPrefix: matching('REDIS_PREFIX', {
    pattern: /^[A-Za-z0-9_.-]{1,64}$/,
    requirement: '1-64 letters, digits, _ . or -',
    default: 'strata',
    doc: 'namespace of every Redis key, so several environments can share one server',
  }),
  /** Generated in development when unset (main.ts fills it in before Nest boots); required in production. */
  jwtSecret: text('JWT_SECRET', {
    minLength: 32,
    secret: true,
    unset: 'generated once and kept in `DATA_DIR/jwt-secret` (development only)',
    example: 'change-me-to-a-long-random-string-of-32-chars-or-more',
    doc:
      `signs tokens; required in production, where it also needs ${MIN_SECRET_DISTINCT_CHARACTERS} distinct characters ` +
      `and ~${MIN_SECRET_ENTROPY_BITS} bits estimated (length × Shannon entropy), e.g. \`openssl rand -base64 48\`, ` +
      'and not the example value',
  }),
  jwtAccessTtl: duration('JWT_ACCESS_TTL', {
    min: '1m',
    max: '24h',
    default: '15m',
    doc: 'access token lifetime',
  }),
  jwtRefreshTtl: duration('JWT_REFRESH_TTL', {
    min: '1h',
    max: '365d',
    default: '30d',
    doc: 'refresh token lifetime',
  }),
  /** How long after its rotation a refresh token presented again still gets a pair (0: never). */
  jwtRefreshReuseGrace: duration('JWT_REFRESH_REUSE_GRACE', {
    min: '0s',
    max: '1m',
    default: '10s',
    doc: 'a just-rotated refresh token presented again this soon (a second tab refreshing at the same moment) gets a new pair of the same sign-in instead of revoking it; 0 turns it off',
  }),
  adminEmail: email('ADMIN_EMAIL', {
    rule: 'with `ADMIN_PASSWORD`',
    unset: 'no admin account is made',
    example: 'admin@example.com',
    doc: 'when both it and `ADMIN_PASSWORD` are set, startup makes sure this admin account exists',
  }),
  adminPassword: text('ADMIN_PASSWORD', {
    minLength: 8,
    maxLength: 128,
    secret: true,
    rule: 'with `ADMIN_EMAIL`',
    unset: 'no admin account is made',
    example: 'a-long-admin-password',
    doc: "that admin account's password",
  }),
  corsOrigins: list('CORS_ORIGINS', {
    of: 'origins',
    default: '',
    doc: 'origins allowed to call the API from a browser; empty allows none',
  }),
  /** Already the value Express's "trust proxy" takes. */
  trustProxy: proxyTrust('TRUST_PROXY', {
    default: 'false',
    doc: '`false`: X-Forwarded-For is ignored and the socket address is the client; behind a proxy, its hop count (`1`) or addresses (`loopback`, `10.0.0.0/8`), as Express\'s "trust proxy" takes them',
  }),
  logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, {
    default: 'info',
    doc: "pino's level; `debug` adds Nest's module list and route table",
  }),
  cacheTtl: duration('CACHE_TTL', {
    min: '1s',
    max: '1d',
    default: '5m',
    doc: 'cache lifetime of single-resource reads',
  }),
  rateLimitWindow: duration('RATE_LIMIT_WINDOW', {
    min: '1s',
    max: '1d',
    default: '60s',
    doc: 'the rate-limit window; budgets are per client (its address; IPv6 by /64)',
  }),
  // Up to a billion, which in effect lifts the limit (load tests do); more is a typo.
  rateLimitMax: integer('RATE_LIMIT_MAX', {
    min: 1,
    max: 1_000_000_000,
    default: '300',
    doc: 'requests per client per window, on every route',
  }),
  rateLimitAuthMax: integer('RATE_LIMIT_AUTH_MAX', {
    min: 1,
    max: 1_000_000_000,
    default: '10',
    doc: 'requests per client per window on the strict budget of the routes that take a password or a token or send mail (register, login, refresh, logout, password change, deletion, email change, email verification and its resend, password forgot and reset, email-change confirmation)',
  }),
  /** Failed password checks per account (sign-in, or a sensitive action) per window before a lock-out. */
  rateLimitAccountMax: integer('RATE_LIMIT_ACCOUNT_MAX', {
    min: 1,
    max: 1000,
    default: '10',
    doc: 'failed password checks per account (sign-in by email or username, or a wrong `currentPassword`) per window; then every attempt for that account is a 429 until the window ends',
  }),
  /** Mails asked for one address (verification resend, password forgot) per window, whoever asks. */
  rateLimitMailMax: integer('RATE_LIMIT_MAIL_MAX', {
    min: 1,
    max: 1000,
    default: '5',
    doc: 'requests per address per window to `POST /auth/email/verify/resend` and `POST /auth/password/forgot` together, known address or not; then a 429 until the window ends',
  }),
  authRequireVerifiedEmail: flag('AUTH_REQUIRE_VERIFIED_EMAIL', {
    default: 'true',
    doc: 'an account whose email is not verified cannot sign in: the right password gets 403 `EMAIL_NOT_VERIFIED` (a wrong one still 401)',
  }),
  emailVerifyUrl: linkTemplate('EMAIL_VERIFY_URL', {
    default: developmentLink('verifyEmail'),
    unset:
      "this server's Swagger UI at `POST /auth/email/verify` (`http://localhost:PORT/docs/?token={token}#/…`); set it in production",
    doc: 'the link of the verification mail, to the page that posts the token to `POST /api/v1/auth/email/verify`',
  }),
  passwordResetUrl: linkTemplate('PASSWORD_RESET_URL', {
    default: developmentLink('resetPassword'),
    unset: "this server's Swagger UI at `POST /auth/password/reset`; set it in production",
    doc: 'the link of the password-reset mail, to the page that posts the token and a new password to `POST /api/v1/auth/password/reset`',
  }),
  emailChangeUrl: linkTemplate('EMAIL_CHANGE_URL', {
    default: developmentLink('confirmEmailChange'),
    unset: "this server's Swagger UI at `POST /auth/email/confirm-change`; set it in production",
    doc: 'the link of the mail to a new address, to the page that posts the token to `POST /api/v1/auth/email/confirm-change`',
  }),
  emailVerifyTtl: duration('EMAIL_VERIFY_TTL', {
    min: '10m',
    max: '30d',
    default: '2d',
    doc: 'lifetime of a verification link (a newer one voids it)',
  }),
  passwordResetTtl: duration('PASSWORD_RESET_TTL', {
    min: '5m',
    max: '1d',
    default: '1h',
    doc: 'lifetime of a password-reset link (a newer one, or any password change, voids it)',
  }),
  emailChangeTtl: duration('EMAIL_CHANGE_TTL', {
    min: '10m',
    max: '7d',
    default: '1d',
    doc: 'lifetime of an email-change confirmation link (a newer change request voids it)',
  }),
  bodyLimit: size('BODY_LIMIT', { min: '1kb', max: '10mb', default: '100kb', doc: 'JSON body limit' }),
  requestTimeout: duration('REQUEST_TIMEOUT', {
    min: '1s',
    max: '10m',
    default: '30s',
    doc: "a request running longer is answered 503; Node's header and request timeouts follow it, so a client trickling its body is cut off shortly after",
  }),
  shutdownGrace: duration('SHUTDOWN_GRACE', {
    min: '1s',
    max: '10m',
    default: '10s',
    doc: 'after SIGTERM, how long in-flight requests may take before the process exits anyway (drain included)',
  }),
  /** After SIGTERM, how long the listener stays open (readiness 503) before it closes. */
  shutdownDrain: duration('SHUTDOWN_DRAIN', {
    min: '0s',
    max: '10m',
    default: '0s',
    rule: 'shorter than `SHUTDOWN_GRACE`',
    doc: 'after SIGTERM, how long to keep serving (readiness already 503) before new connections are refused, so load balancers stop routing here first; behind one, e.g. `5s`',
  }),
  // OWASP's minimum for argon2id (19 MiB, 2 passes) up to what one hash may sensibly cost.
  argon2MemoryKib: integer('ARGON2_MEMORY_KIB', {
    min: 19456,
    max: 1_048_576,
    default: '19456',
    doc: "argon2id memory in KiB (the default, OWASP's minimum, is the least allowed)",
  }),
  argon2TimeCost: integer('ARGON2_TIME_COST', { min: 2, max: 20, default: '2', doc: 'argon2id passes' }),
  argon2Parallelism: integer('ARGON2_PARALLELISM', { min: 1, max: 16, default: '1', doc: 'argon2id lanes' }),
  /** Hash and verify operations that may wait for a core; beyond it a request gets 503. */
  argon2MaxQueue: integer('ARGON2_MAX_QUEUE', {
    min: 1,
    max: 10000,
    default: '64',
    doc: 'hashes that may wait for a core (one runs per core); beyond it a request gets 503 with `Retry-After`',
  }),
  appName: matching('APP_NAME', {
    pattern: APP_NAME_PATTERN,
    requirement: '1-100 characters, without line breaks, `<`, `>`, `"` or `\\`',
    default: 'Strata',
    doc: 'the product name mail shows (in every template, and the default sender)',
  }),
  mailFrom: mailbox('MAIL_FROM', {
    default: defaultMailFrom,
    rule: 'required in production',
    unset: '`<APP_NAME> <no-reply@localhost>`',
    example: 'Strata <no-reply@example.com>',
    doc: 'the sender of every mail',
  }),
  smtpUrl: url('SMTP_URL', {
    schemes: ['smtp', 'smtps'],
    rule: 'required in production',
    unset:
      'each mail is written as an `.eml` file under `DATA_DIR/mail/` and its link logged (development only)',
    example: 'smtps://user:password@smtp.example.com:465',
    doc: 'the mail server: `smtp://` (STARTTLS when the server offers it) or `smtps://` (TLS from the start); its password is never shown in a log or message',
  }),
  dataDir: directory('DATA_DIR', {
    default: '.data',
    doc: 'where the embedded database, the generated development secrets and development mail live',
  }),
  /** Worker processes (node:cluster) sharing the port; 1 runs the app in this process. */
  clusterWorkers: integer('CLUSTER_WORKERS', {
    min: 1,
    max: 64,
    default: '1',
    rule: 'above 1 needs `REDIS_URL`',
    doc: 'worker processes sharing the port (`node:cluster`), which share the cache and rate limits through `REDIS_URL`; 1 runs the app in one process',
  }),
  jobsWorker: flag('JOBS_WORKER', {
    default: 'true',
    doc: 'this process also runs the background job workers (and the job schedules); `false` for API instances when `npm run worker` processes run the jobs',
  }),
};
