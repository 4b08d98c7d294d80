import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import { envExample, readmeTable, withReadmeTable } from './config-docs-render';

/**
 * Writes `.env.example` and the README's configuration table from src/config/settings.ts, or with
 * --check fails when either committed file differs from what the table gives.
 *
 *   node dist/scripts/config-docs.js [--check] [--root <dir>]
 */
const DEFAULT_ROOT = path.resolve(__dirname, '..', '..');

interface Generated {
  file: string;
  expected: string;
  committed: string;
}

async function generate(root: string): Promise<Generated[]> {
  const readmePath = path.join(root, 'README.md');
  const readme = await readFile(readmePath, 'utf8');
  // Prettier aligns the columns, so the README passes `prettier --check` as written.
  const options = (await prettier.resolveConfig(readmePath)) ?? {};
  const table = await prettier.format(readmeTable(), { ...options, parser: 'markdown' });
  const envPath = path.join(root, '.env.example');
  return [
    { file: readmePath, expected: withReadmeTable(readme, table), committed: readme },
    { file: envPath, expected: envExample(), committed: await readFile(envPath, 'utf8').catch(() => '') },
  ];
}

/** Where the committed text first departs from the generated one, as a two-line hint. */
function firstDifference({ expected, committed }: Generated): string {
  const [want, have] = [expected.split('\n'), committed.split('\n')];
  const line = want.findIndex((text, index) => text !== have[index]);
  const at = line === -1 ? want.length : line;
  return [
    `  line ${at + 1}:`,
    `    - committed: ${have[at] ?? '(end of file)'}`,
    `    + generated: ${want[at] ?? '(end of file)'}`,
  ].join('\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const rootIndex = args.indexOf('--root');
  const root = rootIndex === -1 ? DEFAULT_ROOT : path.resolve(args[rootIndex + 1] ?? '.');
  const files = await generate(root);
  const stale = files.filter(({ expected, committed }) => expected !== committed);
  if (!check) {
    await Promise.all(stale.map(({ file, expected }) => writeFile(file, expected)));
    files.forEach(({ file }) => {
      const state = stale.some((s) => s.file === file) ? 'Wrote' : 'Unchanged:';
      console.log(`${state} ${path.relative(process.cwd(), file) || file}`);
    });
    return 0;
  }
  if (stale.length === 0) {
    console.log('README.md and .env.example match src/config/settings.ts.');
    return 0;
  }
  for (const generated of stale) {
    console.error(
      `${path.basename(generated.file)} is out of date with src/config/settings.ts: ` +
        `run \`npm run config:docs\` and commit the result.\n${firstDifference(generated)}`,
    );
  }
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
