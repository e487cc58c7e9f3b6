import { databaseConfigFromEnv, ensureTenant, migrateToLatest, openDatabase, DEFAULT_TENANT_ID } from '@jugendamt/db';
import { catchUpAll } from '@jugendamt/projections';
import { createApi } from './create-api.js';
import { folderToImportOnStart, importOnStart } from './startup/import-on-start.js';

const port = Number(process.env['PORT'] ?? 3000);
const host = process.env['HOST'] ?? '127.0.0.1';

const database = await openDatabase(databaseConfigFromEnv());
const applied = await migrateToLatest(database.db);
await ensureTenant(database.db, DEFAULT_TENANT_ID, 'Jugendamt');
const importFolder = folderToImportOnStart(database);
if (importFolder) await importOnStart(database, importFolder);
const projected = await catchUpAll(database.db, DEFAULT_TENANT_ID);
if (projected) console.log(`projections: ${projected} events applied`);
const app = await createApi(database);
await app.listen(port, host);

const where = database.backend === 'pglite' ? 'embedded PGlite under ./data' : 'PostgreSQL';
console.log(`database: ${where}${applied.length ? ` (migrated: ${applied.join(', ')})` : ''}`);
console.log(`API listening on http://${host}:${port} (health: http://${host}:${port}/health)`);
