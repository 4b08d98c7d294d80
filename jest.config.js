const fs = require('node:fs');
const path = require('node:path');

/**
 * NestJS 12 and some of its dependencies ship only ES modules, which Jest's CommonJS runtime
 * cannot require on Node 20. Those packages (found by their package.json "type") are compiled
 * to CommonJS by babel-jest; everything else in node_modules is loaded as it is.
 */
function esmOnlyPackages(nodeModules) {
  const names = [];
  const isEsm = (dir) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).type === 'module';
    } catch {
      return false;
    }
  };
  for (const entry of fs.existsSync(nodeModules) ? fs.readdirSync(nodeModules) : []) {
    if (entry.startsWith('@')) {
      for (const scoped of fs.readdirSync(path.join(nodeModules, entry))) {
        if (isEsm(path.join(nodeModules, entry, scoped))) names.push(`${entry}/${scoped}`);
      }
    } else if (isEsm(path.join(nodeModules, entry))) {
      names.push(entry);
    }
  }
  return names;
}

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const esm = esmOnlyPackages(path.join(__dirname, 'node_modules'));

const shared = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    '^.+\\.m?js$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        sourceType: 'unambiguous',
        plugins: [
          ['babel-plugin-transform-import-meta', { module: 'ES6' }],
          '@babel/plugin-transform-dynamic-import',
          '@babel/plugin-transform-modules-commonjs',
        ],
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esm.map(escape).join('|')})/)`],
};

/** Unit specs live beside the code; end-to-end specs in test/ run the real app on a real PostgreSQL. */
module.exports = {
  // A global option: Jest ignores it inside a project. End-to-end tests start databases and apps.
  testTimeout: 60000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
