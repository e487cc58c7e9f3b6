/** One Jest run over every project; workspace packages resolve to their sources, so tests need no build. */
const workspacePackages = {
  '^@jugendamt/db/testing$': '<rootDir>/db/src/testing/index.ts',
  '^@jugendamt/db$': '<rootDir>/db/src/index.ts',
  '^@jugendamt/(domain|settings|event-store|projections|ingest-pipeline)$': '<rootDir>/libs/$1/src/index.ts',
  '^@jugendamt/event-store/testing$': '<rootDir>/libs/event-store/src/testing/index.ts',
  '^@jugendamt/ingest-pipeline/testing$': '<rootDir>/libs/ingest-pipeline/src/testing/index.ts',
  '^@jugendamt/(generator|test-oidc)$': '<rootDir>/tools/$1/src/index.ts',
};

export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/db', '<rootDir>/libs', '<rootDir>/apps', '<rootDir>/tools'],
  // The console's browser tests sit beside its sources, which are the browser's, not Node's.
  testMatch: ['**/src/**/*.spec.ts', '**/apps/console/e2e/**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
    // ESM-only packages that CommonJS packages require (Node 20.19 can, Jest's loader cannot).
    '^.+/node_modules/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(.*/node_modules/)?content-disposition/)'],
  moduleNameMapper: { ...workspacePackages, '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 60_000,
  maxWorkers: 2,
};
