import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DataSourceOptions } from 'typeorm';
import { runMigrationsWithLock } from './run-migrations';

export interface ConnectRetries {
  /** Tries in all, the first included. */
  attempts: number;
  delayMs: number;
}

/** Startup gave up on the database; the message says where it tried and what to check. */
export class DatabaseUnreachableError extends Error {
  override readonly name = 'DatabaseUnreachableError';
}

const logger = new Logger('Database');

/**
 * Connects (each failed try one warning line, as it happens), then applies pending migrations and
 * says which. The last failure becomes one error naming DATABASE_URL, without the password.
 */
export async function connectAndMigrate(
  options: DataSourceOptions,
  retries: ConnectRetries,
): Promise<DataSource> {
  const dataSource = await connect(options, retries);
  const applied = await runMigrationsWithLock(dataSource);
  logger.log(
    applied.length === 0
      ? 'Database schema up to date'
      : `Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}: ${applied.join(', ')}`,
  );
  return dataSource;
}

async function connect(
  options: DataSourceOptions,
  { attempts, delayMs }: ConnectRetries,
): Promise<DataSource> {
  for (let attempt = 1; ; attempt += 1) {
    const dataSource = new DataSource(options);
    try {
      return await dataSource.initialize();
    } catch (error) {
      await dataSource.destroy().catch(() => undefined);
      const reason = reasonOf(error);
      if (attempt >= attempts) {
        throw new DatabaseUnreachableError(
          `Cannot reach the database at ${describeUrl(urlOf(options))} after ${attempts} attempt${attempts === 1 ? '' : 's'} (${reason}): check DATABASE_URL`,
        );
      }
      logger.warn(
        `Cannot reach the database (attempt ${attempt} of ${attempts}): ${reason}; retrying in ${delayMs / 1000}s`,
      );
      await sleep(delayMs);
    }
  }
}

function urlOf(options: DataSourceOptions): string {
  return 'url' in options && typeof options.url === 'string' ? options.url : '';
}

/** `postgres://user@host:5432/db (password hidden)`: enough to spot a wrong host, port or name. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const hadPassword = parsed.password !== '';
    parsed.password = '';
    parsed.search = '';
    return `${parsed.toString()}${hadPassword ? ' (password hidden)' : ''}`;
  } catch {
    return '(an unparsable URL)';
  }
}

/** The message only; a connection to a name with several addresses fails with one error per address. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(reasonOf))].join('; ');
  }
  if (error instanceof Error) {
    return error.message || (error as NodeJS.ErrnoException).code || error.name;
  }
  return String(error);
}
