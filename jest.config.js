// Four projects so slow suites stay out of the fast run: `jest --selectProjects unit`.
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic' } },
      },
    },
  ],
};
const common = {
  transform,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  reporters: ['default', '<rootDir>/tests/helpers/summaryReporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts?(x)'],
      setupFiles: ['<rootDir>/tests/helpers/jsdomSetup.js'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
    },
    {
      ...common,
      // Faults: kill -9, a full disk, damaged files, backups and restores. Each file states its
      // bounds (trials, documents, time).
      displayName: 'fault',
      testMatch: ['<rootDir>/tests/fault/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      // Builds the renderer once, so a fresh clone's `npm test` has something to serve.
      globalSetup: '<rootDir>/tests/e2e/globalSetup.ts',
    },
  ],
};
