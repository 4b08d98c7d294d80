import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readOrCreateSecret } from './secret-file';

describe(readOrCreateSecret.name, () => {
  let dir: string;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'strata-secret-'));
  });

  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('creates a random secret readable by its owner only, in a folder it creates', async () => {
    const file = path.join(dir, 'nested', 'jwt-secret');
    const secret = await readOrCreateSecret(file);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
  });

  it('gives back the same secret on the next call', async () => {
    const file = path.join(dir, 'jwt-secret');
    const first = await readOrCreateSecret(file);
    await expect(readOrCreateSecret(file)).resolves.toBe(first);
  });

  it('keeps a secret written by hand, without its trailing newline', async () => {
    const file = path.join(dir, 'jwt-secret');
    await fs.writeFile(file, 'chosen-by-hand\n');
    await expect(readOrCreateSecret(file)).resolves.toBe('chosen-by-hand');
  });
});
