import { databaseConfigFromEnv, ensureTenant, migrateToLatest, openDatabase, pendingMigrations } from '@jugendamt/db';
import { readIngestSettings, startImportRuntime } from '@jugendamt/ingest-pipeline';
import { yieldToReaders } from './process-priority.js';

/**
 * `npm run worker`: takes import jobs from BullMQ, watches the inbox, keeps the schedules.
 * Run as many as you like, on as many machines as share the database, Redis and the inbox.
 */
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
const database = databaseConfigFromEnv(process.env);
const ingest = readIngestSettings(process.env);
yieldToReaders(ingest.niceness);
const graceMs = ingest.jobs.shutdownGraceMs;
if (!ingest.jobs.redisUrl || !database.databaseUrl) {
  console.error('npm run worker needs REDIS_URL and DATABASE_URL: it shares both with the API and other workers.\nWithout Redis, `npm start` runs the imports in its own process.');
  process.exit(2);
}

const handle = await openDatabase(database);
// Migrations need the owner (DATABASE_OWNER_URL); a worker given the application's login
// alone finds them run by the API or `npm run migrate`.
if ((await pendingMigrations(handle.db)).length) await migrateToLatest(handle.db);
await ensureTenant(handle.db, ingest.tenantId, ingest.tenantId);
const runtime = await startImportRuntime(handle, { work: true, watch: true, log }, ingest);
log(`import worker for office "${ingest.tenantId}" watching ${runtime.inbox.dir}`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    // A file not done within the grace time is abandoned: its transaction rolls back when the
    // connection closes, and its job returns to the queue for the next worker.
    log(`${signal}: finishing the running import (at most ${graceMs / 1000} s), taking no new ones`);
    await runtime.close(graceMs);
    await handle.close();
    log('stopped');
    process.exit(0);
  });
}
