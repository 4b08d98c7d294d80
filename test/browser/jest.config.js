const path = require('node:path');
const root = require('../../jest.config.js');

/**
 * The browser test (`npm run test:browser`): kept out of the root config so `npm test` never needs
 * Chromium. It reuses the end-to-end project's transforms and runs the built app itself.
 */
const e2e = root.projects.find((project) => project.displayName === 'e2e');

module.exports = {
  testTimeout: 120000,
  projects: [
    {
      ...e2e,
      rootDir: path.resolve(__dirname, '..', '..'),
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: undefined,
      globalTeardown: undefined,
    },
  ],
};
