import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildOpenApiDocument } from '../src/app.setup';
import { loadConfig } from '../src/config/load-config';

/**
 * Writes the OpenAPI document of the code to openapi.json, or with --check fails when the
 * committed file differs from it. No database is needed (see buildOpenApiDocument).
 *
 *   node dist/scripts/openapi.js [--check]
 */
const ROOT = path.resolve(__dirname, '..', '..');
const OUTPUT = path.join(ROOT, 'openapi.json');

/** Keys sorted at every level, so the file diffs cleanly whatever order decorators ran in. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  // A fixed environment: the document must not depend on the machine that exports it.
  const loaded = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' }, ROOT);
  // Preview mode instantiates no provider: nothing connects or signs, so placeholders do.
  const config = { ...loaded, databaseUrl: 'postgres://preview.invalid/none', jwtSecret: 'preview' };
  const text = `${JSON.stringify(sortKeys(await buildOpenApiDocument(config)), null, 2)}\n`;
  if (!check) {
    await writeFile(OUTPUT, text);
    console.log(`Wrote ${path.relative(process.cwd(), OUTPUT) || OUTPUT}`);
    return 0;
  }
  const committed = await readFile(OUTPUT, 'utf8').catch(() => '');
  if (committed === text) {
    console.log('openapi.json matches the code.');
    return 0;
  }
  console.error(
    committed
      ? 'openapi.json is out of date: run `npm run openapi` and commit the result.'
      : 'openapi.json is missing: run `npm run openapi` and commit the result.',
  );
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
