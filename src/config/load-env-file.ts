import { existsSync } from 'node:fs';
import path from 'node:path';

/** Reads `.env` (if present) into process.env; variables already set in the environment win. */
export function loadEnvFile(cwd = process.cwd()): void {
  const file = path.join(cwd, '.env');
  if (existsSync(file)) {
    process.loadEnvFile(file);
  }
}
