/** One Jest run over every project; workspace packages resolve to their sources, so tests need no build. */
const workspacePackages = {
  '^@jugendamt/db/testing$': '<rootDir>/db/src/testing/index.ts',
  '^@jugendamt/db$': '<rootDir>/db/src/index.ts',
  '^@jugendamt/(domain|settings|event-store|projections|ingest-pipeline)$': '<rootDir>/libs/$1/src/index.ts',
  '^@jugendamt/event-store/testing$': '<rootDir>/libs/event-store/src/testing/index.ts',
  '^@jugendamt/ingest-pipeline/testing$': '<rootDir>/libs/ingest-pipeline/src/testing/index.ts',
  '^@jugendamt/(generator|test-oidc)$': '<rootDir>/tools/$1/src/index.ts',
};

/**
 * Every spec names its kind: `x.unit.spec.ts` (no server, no database, fast), `x.int.spec.ts`
 * (a real database or Redis), `x.e2e.spec.ts` (the HTTP API, a built CLI or the browser).
 * `npm test` runs them all in one run; TEST_KIND=unit|int|e2e (set by `npm run test:unit` and
 * the others) keeps one kind. A spec without a kind still runs here, and
 * tools/test-env/src/spec-kinds.unit.spec.ts fails naming it.
 */
const KINDS = ['unit', 'int', 'e2e'];
const kind = process.env['TEST_KIND'] || undefined;
if (kind !== undefined && !KINDS.includes(kind)) throw new Error(`TEST_KIND=${kind}: expected one of ${KINDS.join(', ')}`);
const suffix = kind ? `.${kind}.spec.ts` : '.spec.ts';

export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/db', '<rootDir>/libs', '<rootDir>/apps', '<rootDir>/tools'],
  // The console's browser tests sit beside its sources, which are the browser's, not Node's.
  testMatch: [`**/src/**/*${suffix}`, `**/apps/console/e2e/**/*${suffix}`],
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
