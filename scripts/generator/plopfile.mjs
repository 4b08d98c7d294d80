/**
 * `npm run generate:module -- <name>`: scaffolds src/modules/<name>/ in the house style with plop
 * (Handlebars templates in ./templates), registers the module in FEATURE_MODULES, formats what it
 * wrote, generates the module's migration against a throwaway PostgreSQL and refreshes the
 * exported OpenAPI document and client types. docs/extending.md walks through what it writes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleNames, nameProblem } from './names.mjs';
import { clashProblem, takenRoutes, takenTables } from './taken-names.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MODULES_DIR = path.join(ROOT, 'src', 'modules');
const MIGRATIONS_DIR = path.join(ROOT, 'src', 'database', 'migrations');
const APP_MODULE = path.join(ROOT, 'src', 'app.module.ts');
/** `npm run generate:module -- <name> --verbose` also shows the SQL of the migration step. */
const VERBOSE = process.argv.includes('--verbose');
const FEATURE_MODULES = /(export const FEATURE_MODULES\s*:\s*Type\[\]\s*=\s*\[)([^\]]*)(\];)/;

/** Template → path under the root, both with the names filled in. */
const FILES = [
  ['module.ts.hbs', 'src/modules/{{plural}}/{{plural}}.module.ts'],
  ['controller.ts.hbs', 'src/modules/{{plural}}/{{plural}}.controller.ts'],
  ['service.ts.hbs', 'src/modules/{{plural}}/{{plural}}.service.ts'],
  ['service.spec.ts.hbs', 'src/modules/{{plural}}/{{plural}}.service.spec.ts'],
  ['repository.ts.hbs', 'src/modules/{{plural}}/{{plural}}.repository.ts'],
  ['entity.ts.hbs', 'src/modules/{{plural}}/{{singular}}.entity.ts'],
  ['errors.ts.hbs', 'src/modules/{{plural}}/{{plural}}.errors.ts'],
  ['mapper.ts.hbs', 'src/modules/{{plural}}/{{plural}}.mapper.ts'],
  ['mapper.spec.ts.hbs', 'src/modules/{{plural}}/{{plural}}.mapper.spec.ts'],
  ['dto/fields.ts.hbs', 'src/modules/{{plural}}/dto/{{singular}}-fields.ts'],
  ['dto/create.dto.ts.hbs', 'src/modules/{{plural}}/dto/create-{{singular}}.dto.ts'],
  ['dto/update.dto.ts.hbs', 'src/modules/{{plural}}/dto/update-{{singular}}.dto.ts'],
  ['dto/list-query.dto.ts.hbs', 'src/modules/{{plural}}/dto/list-{{plural}}-query.dto.ts'],
  ['dto/response.ts.hbs', 'src/modules/{{plural}}/dto/{{singular}}.response.ts'],
  ['e2e-spec.ts.hbs', 'test/{{plural}}.e2e-spec.ts'],
  ['repository.e2e-spec.ts.hbs', 'test/repositories/{{plural}}.repository.e2e-spec.ts'],
];

function run(command, args) {
  execFileSync(command, args, { cwd: ROOT, stdio: 'inherit' });
}

/** Why the module cannot be generated here, or true. Runs before anything is written. */
function validate(input) {
  const problem = nameProblem(input);
  if (problem) {
    return problem;
  }
  const { plural } = moduleNames(input);
  if (existsSync(path.join(MODULES_DIR, plural))) {
    return `src/modules/${plural} already exists: the generator never overwrites a module`;
  }
  if (existsSync(path.join(ROOT, 'test', `${plural}.e2e-spec.ts`))) {
    return `test/${plural}.e2e-spec.ts already exists: the generator never overwrites a test`;
  }
  if (existsSync(path.join(ROOT, 'test', 'repositories', `${plural}.repository.e2e-spec.ts`))) {
    return `test/repositories/${plural}.repository.e2e-spec.ts already exists: the generator never overwrites a test`;
  }
  const clash = clashProblem(moduleNames(input), takenRoutes(ROOT), takenTables(ROOT));
  if (clash) {
    return clash;
  }
  const { Plural } = moduleNames(input);
  if (new RegExp(`\\b${Plural}Module\\b`).test(readFileSync(APP_MODULE, 'utf8'))) {
    return `${Plural}Module is already registered in src/app.module.ts`;
  }
  if (!FEATURE_MODULES.test(readFileSync(APP_MODULE, 'utf8'))) {
    return 'src/app.module.ts has no `export const FEATURE_MODULES: Type[] = [...]` to register the module in';
  }
  return true;
}

/** Adds the import (among the other module imports, in path order) and the array entry. */
export function registerModule(source, { plural, Plural }) {
  const className = `${Plural}Module`;
  const specifier = `./modules/${plural}/${plural}.module`;
  const match = FEATURE_MODULES.exec(source);
  if (!match) {
    throw new Error('src/app.module.ts has no `export const FEATURE_MODULES: Type[] = [...]`');
  }
  const entries = match[2]
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const registered = source.replace(FEATURE_MODULES, `$1${[...entries, className].join(', ')}$3`);

  const lines = registered.split('\n');
  const importLine = `import { ${className} } from '${specifier}';`;
  const importIndexes = lines.flatMap((line, index) => (/^import .* from '.*';$/.test(line) ? [index] : []));
  const moduleImports = importIndexes.filter((index) => lines[index].includes(`from './modules/`));
  const before = moduleImports.find((index) => lines[index].split("from '")[1] > `${specifier}';`);
  const at = before ?? (moduleImports.at(-1) ?? importIndexes.at(-1) ?? -1) + 1;
  lines.splice(at, 0, importLine);
  return lines.join('\n');
}

/** The migration the drift check would ask for: the new table, its indexes and foreign key. */
function generateMigration(names) {
  const before = new Set(readdirSync(MIGRATIONS_DIR));
  const args = ['run', '--silent', 'migration:generate', '--', `Create${names.Plural}`];
  run('npm', VERBOSE ? [...args, '--verbose'] : args);
  const created = readdirSync(MIGRATIONS_DIR).filter((file) => !before.has(file));
  if (created.length !== 1) {
    throw new Error(`expected one new migration, found ${created.length}`);
  }
  return path.join('src', 'database', 'migrations', created[0]);
}

export default function (plop) {
  plop.setGenerator('module', {
    description: 'A feature module: entity, DTOs, controller, service, repository, tests, migration',
    prompts: [
      {
        type: 'input',
        name: 'name',
        message: 'Module name, plural and kebab-case (e.g. comments, order-items; quizzes:quiz)',
        validate,
      },
    ],
    actions: (answers) => {
      const names = moduleNames(answers.name);
      const written = FILES.map(([, target]) => plop.renderString(target, names));
      return [
        () =>
          `${names.plural}: module ${names.Plural}Module, entity ${names.Singular}, table ${names.table}, ` +
          `route /api/v1/${names.plural}`,
        ...FILES.map(([template, target]) => ({
          type: 'add',
          path: path.join(ROOT, target),
          templateFile: path.join('templates', template),
          data: names,
          abortOnFail: true,
        })),
        {
          type: 'modify',
          path: APP_MODULE,
          transform: (source) => registerModule(source, names),
          abortOnFail: true,
        },
        () => {
          run('npx', ['prettier', '--log-level', 'warn', '--write', ...written, 'src/app.module.ts']);
          return 'formatted the new files';
        },
        () => {
          // Linted and formatted by the migration script itself.
          return generateMigration(names);
        },
        () => {
          // The committed document and client types that CI compares with the code.
          const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
          const refreshed = ['openapi', 'openapi:types'].filter((script) => script in scripts);
          for (const script of refreshed) {
            run('npm', ['run', '--silent', script]);
          }
          return refreshed.length > 0 ? `ran ${refreshed.join(', ')}` : 'no OpenAPI export to refresh';
        },
      ];
    },
  });
}
