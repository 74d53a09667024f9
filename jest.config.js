/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testPathIgnorePatterns: ['/node_modules/', '/console/dist/'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  setupFiles: ['<rootDir>/test/support/env.ts'],
  // Builds the console when its build is stale, once per run, for the browser tests.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60_000,
};
