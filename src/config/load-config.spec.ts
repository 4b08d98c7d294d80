import { ConfigError, loadConfig } from './load-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

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
      DATABASE_URL: 'postgres://db/strata',
      JWT_SECRET: secret,
    });
    expect(problems).toEqual([expect.stringContaining('JWT_SECRET is too weak')]);
    expect(problems[0]).toContain('distinct characters');
    expect(problems[0]).toContain('bits of entropy');
  });

  it('accepts a random JWT_SECRET in production and a weak one outside it', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/strata' };
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

  describe('bounds', () => {
    it('gives one message per bad variable, stating the rule and the value it got', () => {
      expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT must be an integer from 0 to 65535 (got "abc")']);
      expect(problemsOf({ LOG_LEVEL: 'loud' })).toEqual([
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      ]);
    });

    it.each([
      ['PORT', '1e3'],
      ['PORT', '65536'],
      ['PORT', '-1'],
      ['PORT', '80.5'],
      ['DB_POOL_SIZE', '0'],
      ['DB_POOL_SIZE', '1001'],
      ['DB_CONNECT_ATTEMPTS', '0'],
      ['RATE_LIMIT_MAX', '0'],
      ['RATE_LIMIT_MAX', '1000000001'],
      ['RATE_LIMIT_AUTH_MAX', '1000000001'],
      ['ARGON2_MEMORY_KIB', '2000000'],
      ['ARGON2_TIME_COST', '21'],
      ['ARGON2_PARALLELISM', '17'],
      ['CLUSTER_WORKERS', '65'],
    ])('refuses the number %s=%s', (name, value) => {
      expect(problemsOf({ [name]: value })).toEqual([
        `${name} must be an integer ${boundsOf(name)} (got "${value}")`,
      ]);
    });

    it.each([
      ['REQUEST_TIMEOUT', '0'],
      ['REQUEST_TIMEOUT', '11m'],
      ['JWT_ACCESS_TTL', '0s'],
      ['JWT_ACCESS_TTL', '25h'],
      ['JWT_REFRESH_TTL', '1ms'],
      ['JWT_REFRESH_TTL', '366d'],
      ['RATE_LIMIT_WINDOW', '0'],
      ['CACHE_TTL', '2d'],
      ['SHUTDOWN_GRACE', '99999999999d'],
      ['SHUTDOWN_DRAIN', '11m'],
      ['DB_CONNECT_TIMEOUT', '500ms'],
      ['DB_STATEMENT_TIMEOUT', '0'],
      ['DB_CONNECT_RETRY_DELAY', '10ms'],
      ['CACHE_TTL', 'soon'],
    ])('refuses the duration %s=%s', (name, value) => {
      expect(problemsOf({ [name]: value })).toEqual([
        expect.stringMatching(
          new RegExp(`^${name} must be a duration from \\S+ to \\S+, .* \\(got "${value}"\\)$`),
        ),
      ]);
    });

    it('accepts each bound itself', () => {
      const config = loadConfig({
        PORT: '65535',
        REQUEST_TIMEOUT: '10m',
        JWT_ACCESS_TTL: '1m',
        JWT_REFRESH_TTL: '365d',
        RATE_LIMIT_WINDOW: '1s',
        ARGON2_TIME_COST: '20',
        BODY_LIMIT: '10mb',
      });
      expect(config).toMatchObject({
        port: 65535,
        requestTimeout: 600,
        jwtAccessTtl: 60,
        jwtRefreshTtl: 365 * 86400,
        rateLimitWindow: 1,
        argon2TimeCost: 20,
        bodyLimit: '10mb',
      });
    });

    it('accepts PORT=0, which lets the operating system pick a port', () => {
      expect(loadConfig({ PORT: '0' }).port).toBe(0);
    });

    it.each(['0kb', '11mb', '1gb', 'big'])('refuses BODY_LIMIT=%s', (value) => {
      expect(problemsOf({ BODY_LIMIT: value })).toEqual([
        `BODY_LIMIT must be a size from 1kb to 10mb (b, kb or mb) (got "${value}")`,
      ]);
    });

    it('shows the drain and grace it got when the drain does not fit', () => {
      expect(problemsOf({ SHUTDOWN_DRAIN: '20s', SHUTDOWN_GRACE: '15s' })).toEqual([
        'SHUTDOWN_DRAIN must be shorter than SHUTDOWN_GRACE, which includes it (got "20s" and "15s")',
      ]);
    });

    it('cuts a long bad value short in its message', () => {
      const [problem] = problemsOf({ CACHE_TTL: 'x'.repeat(500) });
      expect(problem.length).toBeLessThan(200);
    });
  });

  describe('secrets in messages', () => {
    it('masks the password of a bad DATABASE_URL or REDIS_URL', () => {
      const problems = problemsOf({
        DATABASE_URL: 'mysql://app:hunter2@db/strata',
        REDIS_URL: 'http://:hunter3@cache:6379',
      });
      expect(problems).toEqual([
        'DATABASE_URL must be a postgres:// URL (got "mysql://app:***@db/strata")',
        'REDIS_URL must be a redis:// URL (got "http://:***@cache:6379/")',
      ]);
    });

    it('shows nothing of a URL it cannot parse, which may hold a password', () => {
      const [problem] = problemsOf({ DATABASE_URL: 'postgres://app:hunter2@[bad' });
      expect(problem).toContain('DATABASE_URL');
      expect(problem).not.toContain('hunter2');
    });

    it('never shows a bad JWT_SECRET or ADMIN_PASSWORD', () => {
      const problems = problemsOf({
        JWT_SECRET: 'short-secret',
        ADMIN_EMAIL: 'admin@example.com',
        ADMIN_PASSWORD: 'hunter2',
      });
      expect(problems).toEqual([
        expect.stringContaining('JWT_SECRET'),
        expect.stringContaining('ADMIN_PASSWORD'),
      ]);
      expect(problems.join('\n')).not.toMatch(/short-secret|hunter2/);
    });
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

const INTEGER_BOUNDS: Record<string, string> = {
  PORT: 'from 0 to 65535',
  DB_POOL_SIZE: 'from 1 to 1000',
  DB_CONNECT_ATTEMPTS: 'from 1 to 100',
  RATE_LIMIT_MAX: 'from 1 to 1000000000',
  RATE_LIMIT_AUTH_MAX: 'from 1 to 1000000000',
  ARGON2_MEMORY_KIB: 'from 19456 to 1048576',
  ARGON2_TIME_COST: 'from 2 to 20',
  ARGON2_PARALLELISM: 'from 1 to 16',
  CLUSTER_WORKERS: 'from 1 to 64',
};

function boundsOf(name: string): string {
  return INTEGER_BOUNDS[name];
}
