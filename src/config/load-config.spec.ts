import { loadConfig } from './load-config';
import { problemsOf } from '../../test/support/config-problems';

/** What production needs besides a database and a secret: a mail server and a sender of its own. */
const PRODUCTION_MAIL = {
  SMTP_URL: 'smtp://mail.example.com:587',
  MAIL_FROM: 'Strata <no-reply@example.com>',
};

describe(loadConfig.name, () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dbPoolSize: 10,
      jwtAccessTtl: 900,
      jwtRefreshTtl: 30 * 86400,
      corsOrigins: [],
      logLevel: 'info',
      cacheTtl: 300,
      rateLimitWindow: 60,
      rateLimitMax: 300,
      rateLimitAuthMax: 10,
      rateLimitAccountMax: 10,
      bodyLimit: '100kb',
      requestTimeout: 30,
      shutdownGrace: 10,
      shutdownDrain: 0,
      argon2MemoryKib: 19456,
      argon2TimeCost: 2,
      argon2Parallelism: 1,
      clusterWorkers: 1,
      dbConnectAttempts: 5,
      dbConnectRetryDelay: 2,
    });
  });

  it('accepts durations as seconds or with a unit', () => {
    const config = loadConfig({
      JWT_ACCESS_TTL: '900',
      JWT_REFRESH_TTL: '7d',
      DB_CONNECT_RETRY_DELAY: '250ms',
    });
    expect(config.jwtAccessTtl).toBe(900);
    expect(config.jwtRefreshTtl).toBe(7 * 86400);
    expect(config.dbConnectRetryDelay).toBe(0.25);
  });

  it('splits CORS_ORIGINS on commas and drops blanks', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example,' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DB_POOL_SIZE: '0',
      JWT_ACCESS_TTL: 'soon',
      LOG_LEVEL: 'loud',
    });
    expect(problems.join('\n')).toEqual(expect.stringContaining('PORT'));
    expect(problems.join('\n')).toEqual(expect.stringContaining('DB_POOL_SIZE'));
    expect(problems.join('\n')).toEqual(expect.stringContaining('JWT_ACCESS_TTL'));
    expect(problems.join('\n')).toEqual(expect.stringContaining('LOG_LEVEL'));
  });

  it('requires DATABASE_URL and JWT_SECRET in production, naming both', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('DATABASE_URL'),
        expect.stringContaining('JWT_SECRET'),
      ]),
    );
  });

  it('refuses a JWT_SECRET shorter than 32 characters', () => {
    expect(problemsOf({ JWT_SECRET: 'short' })).toEqual([expect.stringContaining('JWT_SECRET')]);
  });

  it('refuses the example secret in production', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      ...PRODUCTION_MAIL,
      DATABASE_URL: 'postgres://db/strata',
      JWT_SECRET: 'change-me-to-a-long-random-string-of-32-chars-or-more',
    });
    expect(problems).toEqual([expect.stringContaining('JWT_SECRET')]);
  });

  it.each([
    ['32 × a', 'a'.repeat(32)],
    ['a short pattern repeated', 'abcd1234'.repeat(5)],
  ])('refuses a low-entropy JWT_SECRET in production (%s), stating the rule', (_case, secret) => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      ...PRODUCTION_MAIL,
      DATABASE_URL: 'postgres://db/strata',
      JWT_SECRET: secret,
    });
    expect(problems).toEqual([expect.stringContaining('JWT_SECRET is too weak')]);
    expect(problems[0]).toContain('distinct characters');
    expect(problems[0]).toContain('bits of entropy');
  });

  it('accepts a random JWT_SECRET in production and a weak one outside it', () => {
    const production = { NODE_ENV: 'production', ...PRODUCTION_MAIL, DATABASE_URL: 'postgres://db/strata' };
    expect(problemsOf({ ...production, JWT_SECRET: 'q8Z-2nVd_Lk4xR7pWc1sYh9TfJm3uBgE0aNo6iKe5Q' })).toEqual(
      [],
    );
    expect(problemsOf({ JWT_SECRET: 'a'.repeat(32) })).toEqual([]);
  });

  it('bounds JWT_REFRESH_REUSE_GRACE to 0–60 seconds, 10s by default', () => {
    expect(loadConfig({}).jwtRefreshReuseGrace).toBe(10);
    expect(loadConfig({ JWT_REFRESH_REUSE_GRACE: '0' }).jwtRefreshReuseGrace).toBe(0);
    expect(loadConfig({ JWT_REFRESH_REUSE_GRACE: '1m' }).jwtRefreshReuseGrace).toBe(60);
    expect(problemsOf({ JWT_REFRESH_REUSE_GRACE: '61s' })).toEqual([
      expect.stringContaining('JWT_REFRESH_REUSE_GRACE'),
    ]);
    expect(problemsOf({ JWT_REFRESH_REUSE_GRACE: '-1' })).toEqual([
      expect.stringContaining('JWT_REFRESH_REUSE_GRACE'),
    ]);
  });

  it('bounds ARGON2_MAX_QUEUE to 1–10000, 64 by default', () => {
    expect(loadConfig({}).argon2MaxQueue).toBe(64);
    expect(problemsOf({ ARGON2_MAX_QUEUE: '0' })).toEqual([expect.stringContaining('ARGON2_MAX_QUEUE')]);
    expect(problemsOf({ ARGON2_MAX_QUEUE: '10001' })).toEqual([expect.stringContaining('ARGON2_MAX_QUEUE')]);
  });

  it('refuses argon2 parameters below the OWASP minimum', () => {
    expect(problemsOf({ ARGON2_MEMORY_KIB: '1024' })).toEqual([expect.stringContaining('ARGON2_MEMORY_KIB')]);
  });

  it('runs several cluster workers only with a shared Redis', () => {
    expect(problemsOf({ CLUSTER_WORKERS: '2' })).toEqual([
      expect.stringContaining('CLUSTER_WORKERS above 1 needs REDIS_URL'),
    ]);
    expect(loadConfig({ CLUSTER_WORKERS: '2', REDIS_URL: 'redis://127.0.0.1:6379' }).clusterWorkers).toBe(2);
    expect(problemsOf({ CLUSTER_WORKERS: '0' })).toEqual([expect.stringContaining('CLUSTER_WORKERS')]);
  });

  it('requires ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(problemsOf({ ADMIN_EMAIL: 'admin@example.com' })).toEqual([
      expect.stringContaining('ADMIN_PASSWORD'),
    ]);
  });

  it('refuses a SHUTDOWN_DRAIN that does not fit in SHUTDOWN_GRACE', () => {
    expect(problemsOf({ SHUTDOWN_DRAIN: '10s', SHUTDOWN_GRACE: '10s' })).toEqual([
      expect.stringContaining('SHUTDOWN_DRAIN'),
    ]);
    expect(loadConfig({ SHUTDOWN_DRAIN: '5s', SHUTDOWN_GRACE: '30s' })).toMatchObject({
      shutdownDrain: 5,
      shutdownGrace: 30,
    });
  });

  it('refuses a DATABASE_URL that is not a postgres URL', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://db/strata' })).toEqual([
      expect.stringContaining('DATABASE_URL'),
    ]);
  });

  it('leaves the operational endpoints on PORT, without a token, by default', () => {
    expect(loadConfig({})).toMatchObject({ opsPort: undefined, metricsToken: undefined });
    expect(loadConfig({ OPS_PORT: '9100' }).opsPort).toBe(9100);
  });

  it('refuses an OPS_PORT out of range or equal to PORT', () => {
    expect(problemsOf({ OPS_PORT: '0' })).toEqual([expect.stringContaining('OPS_PORT')]);
    expect(problemsOf({ OPS_PORT: '65536' })).toEqual([expect.stringContaining('OPS_PORT')]);
    expect(problemsOf({ PORT: '8080', OPS_PORT: '8080' })).toEqual([
      expect.stringContaining('OPS_PORT must differ from PORT'),
    ]);
  });

  it('refuses a short METRICS_TOKEN without repeating its value', () => {
    const problems = problemsOf({ METRICS_TOKEN: 'tiny-secret' });
    expect(problems).toEqual([expect.stringContaining('METRICS_TOKEN')]);
    expect(problems.join('\n')).not.toContain('tiny-secret');
    expect(loadConfig({ METRICS_TOKEN: 'a-metrics-token-of-sixteen+' }).metricsToken).toBe(
      'a-metrics-token-of-sixteen+',
    );
  });

  it('serves the docs outside production, and in production only with DOCS_ENABLED=true', () => {
    const production = {
      NODE_ENV: 'production',
      ...PRODUCTION_MAIL,
      DATABASE_URL: 'postgres://db/strata',
      JWT_SECRET: 'a-production-secret-that-is-long-enough-0123',
    };
    expect(loadConfig({}).docsEnabled).toBe(true);
    expect(loadConfig({ DOCS_ENABLED: 'false' }).docsEnabled).toBe(false);
    expect(loadConfig(production).docsEnabled).toBe(false);
    expect(loadConfig({ ...production, DOCS_ENABLED: 'true' }).docsEnabled).toBe(true);
    expect(problemsOf({ DOCS_ENABLED: 'yes' })).toEqual([expect.stringContaining('DOCS_ENABLED')]);
  });
});
