#!/usr/bin/env bash
# Proves `npm run generate:module` end to end: copies the project (its tracked and new files) into a
# scratch folder, generates the `widgets` module there (the name a test fixture once held), and expects build, lint, format, boundary
# and drift checks and the tests to pass with no edit, and the new routes in the OpenAPI document.
# The work tree is never touched. Run by CI; by hand: bash scripts/check-generator.sh [name]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NAME="${1:-widgets}"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/strata-generator-XXXXXX")"
# KEEP_SCRATCH=1 keeps the copy, to look at what was generated or at a failure.
if [ "${KEEP_SCRATCH:-}" != 1 ]; then trap 'rm -rf "$SCRATCH"' EXIT; fi
# The scratch copy uses throwaway embedded databases, whatever the caller's environment says.
unset DATABASE_URL REDIS_URL

step() { printf '\n--- generator check: %s\n' "$*"; }

step "name handling (node --test)"
node --test "$ROOT/scripts/generator/"

step "copy the project to $SCRATCH"
cd "$ROOT"
git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' file; do
    if [ -f "$file" ]; then printf '%s\0' "$file"; fi
  done |
  xargs -0 cp --parents --target-directory="$SCRATCH"
ln -s "$ROOT/node_modules" "$SCRATCH/node_modules"
cd "$SCRATCH"

step "refuses bad names before writing anything"
# An invalid name, an existing module, a route only a test serves, a table a migration creates.
for bad in 'Bad_Name' 'users' '2fa' 'probes' 'refresh-tokens'; do
  if npm run --silent generate:module -- "$bad" >generate.log 2>&1; then
    cat generate.log
    echo "FAIL: the generator accepted \"$bad\"" >&2
    exit 1
  fi
done

step "npm run generate:module -- $NAME"
npm run generate:module -- "$NAME" 2>&1 | tee generate.log
step "quiet by default: no SQL, no deprecation warning"
if grep -E 'query:|CREATE TABLE|Warning' generate.log; then
  echo "FAIL: the generator printed SQL or a warning without --verbose" >&2
  exit 1
fi
PLURAL="$(node --input-type=module -e "import { moduleNames } from './scripts/generator/names.mjs'; console.log(moduleNames('$NAME').plural)")"

step "refuses to overwrite the module it just wrote"
if npm run --silent generate:module -- "$NAME" >generate.log 2>&1; then
  echo "FAIL: the generator ran twice over src/modules/$PLURAL" >&2
  exit 1
fi
grep -q 'already exists' generate.log || { cat generate.log; exit 1; }
rm generate.log

step "build, lint, format, boundaries"
npm run build
npm run lint
npx prettier --check .
npm run lint:deps

step "entities and migrations agree"
npm run migration:check

step "the OpenAPI document lists the new routes"
node -e "
  const paths = Object.keys(require('./openapi.json').paths);
  const wanted = ['/api/v1/$PLURAL', '/api/v1/$PLURAL/{id}'];
  const missing = wanted.filter((path) => !paths.includes(path));
  if (missing.length > 0) { console.error('FAIL: openapi.json lacks', missing); process.exit(1); }
  console.log('openapi.json lists', wanted.join(' and '));
"
npm run openapi:check
if node -e "process.exit(require('./package.json').scripts['openapi:types'] ? 0 : 1)"; then
  npm run openapi:types -- --check
fi
if node -e "process.exit(require('./package.json').scripts['lint:openapi'] ? 0 : 1)"; then
  npm run lint:openapi
fi

step "unit tests, and the new module's repository and end-to-end tests with route security and the served document"
npx jest --selectProjects unit
npx jest --selectProjects e2e --testPathPatterns "test/($PLURAL|repositories/$PLURAL[.]repository|route-security|openapi)[.]e2e-spec[.]ts\$"

step "ok: a generated module passes every check with no edit"
