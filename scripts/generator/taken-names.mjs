/**
 * Routes and tables the project already has, so `npm run generate:module` refuses a module that
 * would answer on a route someone else serves (a module, or a controller a test defines) or
 * create a table a migration already creates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const CONTROLLER_PATH = /@Controller\(\s*(?:'([^']*)'|\{[^}]*?\bpath:\s*'([^']*)')/g;
const CREATED_TABLE = /CREATE TABLE (?:IF NOT EXISTS )?"?(?:[a-z_]+"?\."?)?([A-Za-z0-9_]+)"?/g;
const ENTITY_TABLE = /@Entity\(\s*(?:'([^']+)'|\{[^}]*?\bname:\s*'([^']+)')/g;

function sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' ? [] : sourceFiles(full);
    }
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every `pattern` match in the files, as name → the first file (relative to root) that has it. */
function collect(root, files, pattern, nameOf) {
  const found = new Map();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(pattern)) {
      const name = nameOf(match[1] ?? match[2]);
      if (name && !found.has(name)) {
        found.set(name, path.relative(root, file));
      }
    }
  }
  return found;
}

/** First path segment of every controller under src/ and test/ → where it is declared. */
export function takenRoutes(root) {
  const files = [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'test'))];
  return collect(root, files, CONTROLLER_PATH, (route) => route.replace(/^\//, '').split('/')[0]);
}

/** Tables the migrations create and the entities map → where. */
export function takenTables(root) {
  const migrations = sourceFiles(path.join(root, 'src', 'database', 'migrations'));
  const tables = collect(root, migrations, CREATED_TABLE, (table) => table);
  for (const [table, file] of collect(root, sourceFiles(path.join(root, 'src')), ENTITY_TABLE, (t) => t)) {
    if (!tables.has(table)) {
      tables.set(table, file);
    }
  }
  return tables;
}

/** Why the module's route or table clashes with what exists, or null. */
export function clashProblem(names, routes, tables) {
  if (routes.has(names.plural)) {
    return `The route /api/v1/${names.plural} is already served (a controller in ${routes.get(names.plural)}); pick another name`;
  }
  if (tables.has(names.table)) {
    return `The table "${names.table}" already exists (${tables.get(names.table)}); pick another name`;
  }
  return null;
}
