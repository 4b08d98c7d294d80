import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** `npm run config:docs` as CI runs it (the built script), on a copy of the two files it writes. */
const ROOT = path.resolve(__dirname, '..');
const SCRIPT = path.join(ROOT, 'dist', 'scripts', 'config-docs.js');

describe('The configuration docs generator', () => {
  let dir: string;

  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [SCRIPT, '--root', dir, ...args], { encoding: 'utf8' });
    return { code: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const edit = async (file: string, change: (text: string) => string) =>
    writeFile(path.join(dir, file), change(await readFile(path.join(dir, file), 'utf8')));

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'strata-config-docs-'));
    await copyFile(path.join(ROOT, 'README.md'), path.join(dir, 'README.md'));
    await copyFile(path.join(ROOT, '.env.example'), path.join(dir, '.env.example'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('passes --check on the committed files', () => {
    expect(run('--check')).toEqual({ code: 0, output: expect.stringContaining('match') });
  });

  it('fails --check on a stale .env.example, pointing at the first difference', async () => {
    await edit('.env.example', (text) => text.replace('DB_POOL_SIZE=10', 'DB_POOL_SIZE=20'));
    const { code, output } = run('--check');
    expect(code).toBe(1);
    expect(output).toContain('.env.example is out of date');
    expect(output).toContain('- committed: DB_POOL_SIZE=20');
    expect(output).toContain('+ generated: DB_POOL_SIZE=10');
    expect(output).not.toContain('README.md is out of date');
  });

  it('fails --check on a stale README table, and leaves the prose around it alone when it rewrites', async () => {
    await edit('README.md', (text) =>
      text.replace(/^\| `DB_POOL_SIZE` .*\n/m, '').replace('## Configuration', '## Configuration (edited)'),
    );
    expect(run('--check')).toEqual({ code: 1, output: expect.stringContaining('README.md is out of date') });

    expect(run().code).toBe(0);
    const readme = await readFile(path.join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/^\| `DB_POOL_SIZE` /m);
    expect(readme).toContain('## Configuration (edited)');
    expect(run('--check').code).toBe(0);
  });

  it('refuses a README without the table markers', async () => {
    await edit('README.md', (text) => text.replace('<!-- config-table:end -->', ''));
    const { code, output } = run('--check');
    expect(code).toBe(1);
    expect(output).toContain('README.md needs the markers');
  });
});
