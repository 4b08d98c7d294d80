import { loadConfig } from './load-config';
import { problemsOf } from '../../test/support/config-problems';

/** How a bad value is reported: one message per variable, with the rule, the value, and no secret. */
describe(`${loadConfig.name} messages`, () => {
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
