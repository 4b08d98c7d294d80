import { ConfigError, loadConfig } from '../../src/config/load-config';

/** The messages `loadConfig` refuses `env` with, or none when it loads. */
export function problemsOf(env: Record<string, string>): string[] {
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
