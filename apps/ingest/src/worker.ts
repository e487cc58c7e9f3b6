import { ensureTenant, migrateToLatest, openDatabase, pendingMigrations } from '@jugendamt/db';
import { numberSetting } from '@jugendamt/settings';
import { startImportRuntime } from '@jugendamt/ingest-pipeline';

/**
 * `npm run worker`: takes import jobs from BullMQ, watches the inbox, keeps the schedules.
 * Run as many as you like, on as many machines as share the database, Redis and the inbox.
 */
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
if (!process.env['REDIS_URL'] || !process.env['DATABASE_URL']) {
  console.error('npm run worker needs REDIS_URL and DATABASE_URL: it shares both with the API and other workers.\nWithout Redis, `npm start` runs the imports in its own process.');
  process.exit(2);
}

const database = await openDatabase();
// Migrations need the owner (DATABASE_OWNER_URL); a worker given the application's login
// alone finds them run by the API or `npm run migrate`.
if ((await pendingMigrations(database.db)).length) await migrateToLatest(database.db);
const tenantId = process.env['TENANT_ID'] || 'default';
await ensureTenant(database.db, tenantId, tenantId);
const runtime = await startImportRuntime(database, { work: true, watch: true, log });
log(`import worker for office "${tenantId}" watching ${runtime.inbox.dir}`);

const graceMs = numberSetting(process.env, 'SHUTDOWN_GRACE_MS', 60_000);
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    // A file not done within the grace time is abandoned: its transaction rolls back when the
    // connection closes, and its job returns to the queue for the next worker.
    log(`${signal}: finishing the running import (at most ${graceMs / 1000} s), taking no new ones`);
    await runtime.close(graceMs);
    await database.close();
    log('stopped');
    process.exit(0);
  });
}
