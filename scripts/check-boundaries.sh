#!/usr/bin/env bash
# Proves that `npm run lint:deps` fails on each kind of boundary violation: cruises a tiny throwaway
# project that commits every one of them, with the repository's .dependency-cruiser.cjs, and expects
# each rule to report. Run by CI; by hand: bash scripts/check-boundaries.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FIXTURE="$(mktemp -d "${TMPDIR:-/tmp}/strata-boundaries-XXXXXX")"
trap 'rm -rf "$FIXTURE"' EXIT

write() { mkdir -p "$FIXTURE/$(dirname "$1")" && cat >"$FIXTURE/$1"; }

cp "$ROOT/.dependency-cruiser.cjs" "$FIXTURE/"
write tsconfig.json <<<'{ "compilerOptions": { "module": "nodenext", "moduleResolution": "nodenext", "strict": true } }'
# A module reaching into another module's entity and repository.
write src/modules/tags/tag.entity.ts <<<'export class Tag {}'
write src/modules/tags/tags.repository.ts <<<'export class TagsRepository {}'
write src/modules/notes/notes.service.ts <<'TS'
import { Tag } from '../tags/tag.entity';
import { TagsRepository } from '../tags/tags.repository';
export const uses = [Tag, TagsRepository];
TS
# A module reaching into another module's other files (here a mapper).
write src/modules/tags/tags.mapper.ts <<<'export const toTagResponse = () => ({});'
write src/modules/notes/notes.mapper.ts <<<"export { toTagResponse } from '../tags/tags.mapper';"
# src/common importing a module.
write src/common/helper.ts <<<"export { uses } from '../modules/notes/notes.service';"
# A cycle.
write src/modules/notes/a.ts <<<"import { b } from './b'; export const a = () => b;"
write src/modules/notes/b.ts <<<"import { a } from './a'; export const b = () => a;"
# Production code importing a test helper.
write test/support/helper.ts <<<'export const helper = 1;'
write src/uses-test.ts <<<"export { helper } from '../test/support/helper';"

cd "$FIXTURE"
# The command `npm run lint:deps` runs, as it runs it: it must exit non-zero.
set +e
"$ROOT/node_modules/.bin/depcruise" src test --config .dependency-cruiser.cjs
status=$?
set -e
"$ROOT/node_modules/.bin/depcruise" src test --config .dependency-cruiser.cjs --output-type json >report.json || true
if [ "$status" -eq 0 ]; then
  echo "FAIL: dependency-cruiser accepted a project that breaks every boundary rule" >&2
  exit 1
fi
node - <<'JS'
const report = require('./report.json');
const seen = new Set(report.summary.violations.map((violation) => violation.rule.name));
const expected = [
  'no-foreign-repository-or-entity',
  'no-foreign-module-internals',
  'common-imports-no-module',
  'no-circular',
  'src-imports-no-test',
];
const missing = expected.filter((rule) => !seen.has(rule));
for (const rule of expected) {
  console.log(`${seen.has(rule) ? 'ok  ' : 'MISS'} ${rule}`);
}
if (missing.length > 0) {
  console.error(`FAIL: no violation reported for ${missing.join(', ')}`);
  process.exit(1);
}
JS
echo "boundaries: every rule fails on its deliberate violation"
