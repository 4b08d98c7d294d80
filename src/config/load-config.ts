import type { LoadedConfig } from './app-config';
import { isStrongSecret, SECRET_STRENGTH_RULE } from './secret-strength';
import type { RawEnv } from './setting-kinds';
import { InvalidSetting } from './setting-kinds';
import { SETTINGS } from './settings';
import { shown } from './shown-values';

/** Startup refuses to go on; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Secrets that ship in docs and examples; production must never run with them. */
const KNOWN_DEV_SECRETS = new Set([SETTINGS.jwtSecret.example]);

type Property = keyof typeof SETTINGS;

/**
 * Reads every setting of settings.ts from `env` (an empty value counts as unset), then checks the
 * rules across variables. One message per bad variable, its first broken rule; the rules across
 * variables only look at variables that passed their own.
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): LoadedConfig {
  const given: RawEnv = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const problems: string[] = [];
  const invalid = new Set<Property>();
  const values: Record<string, unknown> = {};
  const raw: Record<string, string | undefined> = {};
  for (const [property, setting] of Object.entries(SETTINGS) as [Property, (typeof SETTINGS)[Property]][]) {
    const fallback = typeof setting.default === 'function' ? setting.default(given) : setting.default;
    const value = given[setting.env] ?? fallback;
    raw[setting.env] = value;
    try {
      values[property] = value === undefined ? undefined : setting.read(value, cwd);
    } catch (error) {
      if (!(error instanceof InvalidSetting)) {
        throw error;
      }
      problems.push(error.message);
      invalid.add(property);
    }
  }
  const config = values as LoadedConfig;
  const valid = (property: Property) => !invalid.has(property);

  if (config.nodeEnv === 'production') {
    problems.push(...productionProblems(raw, given));
  }
  if (valid('shutdownDrain') && valid('shutdownGrace') && config.shutdownDrain >= config.shutdownGrace) {
    problems.push(
      `SHUTDOWN_DRAIN must be shorter than SHUTDOWN_GRACE, which includes it (got ${shown(raw.SHUTDOWN_DRAIN)} and ${shown(raw.SHUTDOWN_GRACE)})`,
    );
  }
  if (valid('clusterWorkers') && config.clusterWorkers > 1 && !raw.REDIS_URL) {
    problems.push(
      'CLUSTER_WORKERS above 1 needs REDIS_URL: the workers must share the cache (a write through one would leave the others serving what it changed) and the rate limits',
    );
  }
  if (config.opsPort !== undefined && config.opsPort === config.port) {
    problems.push('OPS_PORT must differ from PORT: the operational endpoints need a listener of their own');
  }
  if (Boolean(raw.ADMIN_EMAIL) !== Boolean(raw.ADMIN_PASSWORD)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD must be set together');
  }
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return config;
}

/**
 * Production runs on a real database, a strong secret of its own and a real mail server, sending as
 * an address of its own (`given` is what the environment set, before defaults).
 */
function productionProblems(raw: RawEnv, given: RawEnv): string[] {
  const problems: string[] = [];
  if (!raw.DATABASE_URL) {
    problems.push('DATABASE_URL is required in production (the embedded database is for development only)');
  }
  if (!raw.SMTP_URL) {
    problems.push(
      'SMTP_URL is required in production (without it mail is only written to files under DATA_DIR, for development)',
    );
  }
  if (!given.MAIL_FROM) {
    problems.push(
      'MAIL_FROM is required in production: the development default (no-reply@localhost) is not an address mail servers deliver from',
    );
  }
  const secret = raw.JWT_SECRET;
  if (!secret) {
    problems.push(`JWT_SECRET is required in production: ${SECRET_STRENGTH_RULE}`);
  } else if (KNOWN_DEV_SECRETS.has(secret)) {
    problems.push('JWT_SECRET must not be the example value in production');
  } else if (secret.length >= 32 && !isStrongSecret(secret)) {
    problems.push(`JWT_SECRET is too weak for production: it needs ${SECRET_STRENGTH_RULE}`);
  }
  return problems;
}
