// Copies the files the build needs besides compiled code (the mail templates, `*.hbs`) from src/ to
// dist/src/, beside the code that reads them. Run by `npm run build` after tsc; plain JavaScript, so
// it runs where only src/ is at hand (the Dockerfile's build stage). A template deleted from src/ is
// deleted from dist/ too.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FROM = path.join(ROOT, 'src');
const TO = path.join(ROOT, 'dist', 'src');
const IS_ASSET = (name) => name.endsWith('.hbs');

function filesUnder(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  return entries.flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file) : IS_ASSET(entry.name) ? [file] : [];
  });
}

for (const stale of filesUnder(TO)) {
  rmSync(stale);
}
const assets = filesUnder(FROM);
for (const file of assets) {
  const target = path.join(TO, path.relative(FROM, file));
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(file, target);
}
