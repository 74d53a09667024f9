const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testPathIgnorePatterns: ['/node_modules/', '/console/dist/'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': swc,
    // @graphql-hive/router-runtime loads its query planner with a dynamic import(), which Jest's
    // CommonJS sandbox refuses ("ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG"); swc turns it into
    // require() here. Node itself (`omnidex serve`) runs the file as published.
    '/node_modules/@graphql-hive/router-runtime/dist/.+\\.cjs$': swc,
  },
  transformIgnorePatterns: ['/node_modules/(?!@graphql-hive/router-runtime/)'],
  setupFiles: ['<rootDir>/test/support/env.ts'],
  // Builds the console when its build is stale, once per run, for the browser tests.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60_000,
  // Most suites wait on servers and child processes more than they compute: on this 2-core machine
  // two workers ran the whole suite in 297 s, where Jest's default of one took 700 s (with a
  // benchmark running beside it, so the gain is smaller than that, but large).
  maxWorkers: 2,
};
