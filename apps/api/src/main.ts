import { ensureTenant, inOffice, migrateToLatest, openDatabase, pendingMigrations, DEFAULT_TENANT_ID } from '@jugendamt/db';
import { catchUpAll } from '@jugendamt/projections';
import type { ImportRuntime } from '@jugendamt/ingest-pipeline';
import { firstLoginTokens } from './access/first-login.js';
import { IMPORT_RUNTIME } from './admin/import-runtime.provider.js';
import { createApi } from './create-api.js';
import { readApiSettings } from './settings/api-settings.js';
import { servedDatabase } from './startup/benchmark-baseline.js';
import { folderToImportOnStart, importOnStart } from './startup/import-on-start.js';

// The one place the API reads its environment.
const settings = readApiSettings(process.env);
const { port, host, baseline } = settings;
if (baseline.withoutOfficeIsolation || baseline.withoutAccessLog) console.warn(`BENCHMARK_BASELINE=${process.env['BENCHMARK_BASELINE']}: a benchmark's baseline, never to be run for real`);
const database = servedDatabase(await openDatabase(settings.database), baseline);
// Migrations need the owner; a deployment that runs them beforehand (`npm run migrate`) may
// give the API the application's login alone.
const applied = (await pendingMigrations(database.db)).length ? await migrateToLatest(database.db) : [];
await ensureTenant(database.app, DEFAULT_TENANT_ID, 'Jugendamt');
const importFolder = folderToImportOnStart(database, settings.importOnStart);
if (importFolder) await importOnStart(database, importFolder, settings.ingest);
const projected = await inOffice(DEFAULT_TENANT_ID, () => catchUpAll(database.app, DEFAULT_TENANT_ID));
if (projected) console.log(`projections: ${projected} events applied`);
const tokens = await inOffice(DEFAULT_TENANT_ID, () => firstLoginTokens(database.app, DEFAULT_TENANT_ID));
const app = await createApi(database, settings);
await app.listen(port, host);

const where = database.backend === 'pglite' ? `embedded PGlite under ${settings.dataDir}` : 'PostgreSQL';
const imports = app.get<ImportRuntime>(IMPORT_RUNTIME);
const url = `http://${host}:${port}`;
console.log(`database: ${where}${applied.length ? ` (migrated: ${applied.join(', ')})` : ''}`);
console.log(`web console ${url}/ (sign in with a token below); API docs ${url}/docs, health ${url}/health, metrics ${url}/metrics`);
console.log(`imports: ${imports.runner.kind === 'bullmq' ? 'BullMQ on REDIS_URL, run by `npm run worker`' : 'run in this process'}; inbox ${imports.inbox.dir}`);
if (tokens.length) {
  console.log('first login: bearer tokens, shown only now (more with npm run token -- --role <admin|controlling|planning>):');
  for (const { role, token } of tokens) console.log(`  ${role.padEnd(11)} ${token}`);
}
