/**
 * Module boundaries (`npm run lint:deps`, run by CI). docs/extending.md explains the rules;
 * scripts/check-boundaries.sh proves they bite by cruising a deliberate violation.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-foreign-repository-or-entity',
      comment:
        "A module uses another module through its exported service only: its repository and entity (its tables) are its own. Reference another module's table by name in a foreign key instead.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/.+[.](repository|entity)[.]ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'no-foreign-module-internals',
      comment:
        'A module uses another one through its module class, its exported service and its field rules (dto/*-fields.ts: the limits of the values it stores); the auth module also exposes its route decorators (@Public, @Roles, @CurrentUser) and the caller type. Every other file of a module is its own.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: [
          '^src/modules/$1/',
          '^src/modules/[^/]+/[^/]+[.](module|service)[.]ts$',
          '^src/modules/[^/]+/dto/[^/]+-fields[.]ts$',
          '^src/modules/auth/([^/]+[.]decorator|auth-user)[.]ts$',
        ],
      },
    },
    {
      name: 'common-imports-no-module',
      comment: 'src/common is shared infrastructure: it knows no feature module.',
      severity: 'error',
      from: { path: '^src/common/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycles (type-only imports aside: they vanish at compile time). Cycles make load order matter and hide layering mistakes.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'src-imports-no-test',
      comment: 'Production code never depends on test helpers (unit specs beside the code may share them).',
      severity: 'error',
      from: { path: '^src/', pathNot: '[.]spec[.]ts$' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
