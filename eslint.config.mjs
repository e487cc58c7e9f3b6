// ESLint (npm run lint, in CI after the typecheck): the layers' import rules, checked on every
// change instead of hoped for in review, and typescript-eslint's recommended rules.
// No formatting rules: formatting is Prettier's, in a commit of its own.
import nx from '@nx/eslint-plugin';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * Which layer may import which. A project's layer is the `nx.tags` entry of its package.json;
 * the rule reads the project graph that `nx` writes (npm run lint has nx write it first).
 */
const LIBS = ['layer:settings', 'layer:domain', 'layer:db', 'layer:event-store', 'layer:projections', 'layer:ingest'];
const LAYERS = [
  // An empty list: no project of ours (every project has a tag).
  { sourceTag: 'layer:settings', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'layer:domain', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'layer:db', onlyDependOnLibsWithTags: ['layer:settings'] },
  { sourceTag: 'layer:event-store', onlyDependOnLibsWithTags: ['layer:db'] },
  { sourceTag: 'layer:projections', onlyDependOnLibsWithTags: ['layer:settings', 'layer:domain', 'layer:db', 'layer:event-store'] },
  { sourceTag: 'layer:ingest', onlyDependOnLibsWithTags: ['layer:settings', 'layer:domain', 'layer:db', 'layer:event-store', 'layer:projections'] },
  // Apps build on the libraries only, never on another app.
  { sourceTag: 'layer:app', onlyDependOnLibsWithTags: LIBS },
  // Tools for tests (the export generator, the test OpenID provider) use the libraries only.
  { sourceTag: 'layer:test-tool', onlyDependOnLibsWithTags: LIBS },
  // The benchmarks measure everything, the API included.
  { sourceTag: 'layer:tooling', onlyDependOnLibsWithTags: [...LIBS, 'layer:app', 'layer:test-tool'] },
];
/** An app's specs may also use the tools for tests (a library's may not: the generator is built on them). */
const SPEC_LAYERS = LAYERS.map((layer) => (layer.sourceTag === 'layer:app' ? { ...layer, onlyDependOnLibsWithTags: [...LIBS, 'layer:test-tool'] } : layer));
const boundaries = (depConstraints) => ['error', { depConstraints }];

export default defineConfig(
  { ignores: ['**/dist/**', '**/node_modules/**', '.nx/**', '.ci/**', 'data/**', 'coverage/**', 'apps/console/src/api/schema.d.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(LAYERS),
      // `_` names what a destructuring or a callback must take and does not use (`[_, value]`, `{ id: _, ...rest }`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Settings are read once, where a process starts, into typed settings that are handed on
    // (apps/api/src/settings, libs/ingest-pipeline/src/config/ingest-settings.ts): a library
    // or a module that reads the environment itself hides a setting from the start-up check.
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts', 'db/src/**/*.ts'],
    ignores: ['**/main.ts', '**/worker.ts', '**/cli.ts', '**/cli/**', '**/*-cli.ts', '**/*.spec.ts', '**/testing/**', 'apps/console/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'read settings where the process starts (main.ts, worker.ts, a *-cli.ts) and hand them on typed' }],
    },
  },
  {
    // A migration is written against the schema of its day, not today's Database type, so it takes Kysely<any>.
    files: ['db/src/migrations/**/*.ts', 'db/src/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(SPEC_LAYERS),
    },
  },
);
