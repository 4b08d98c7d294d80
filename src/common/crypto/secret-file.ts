import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The secret kept in `file`, made (32 random bytes, base64url) and written there, readable by the
 * owner only, the first time: a development secret that survives restarts without anyone choosing it.
 */
export async function readOrCreateSecret(file: string): Promise<string> {
  const existing = await fs.readFile(file, 'utf8').catch(() => '');
  if (existing.trim()) {
    return existing.trim();
  }
  const secret = randomBytes(32).toString('base64url');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
