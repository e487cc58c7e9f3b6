/**
 * `npm run console:api`: writes the API's OpenAPI document for the web console, whose client
 * is typed from it. Runs the API's module on an in-memory database without listening.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase } from '@jugendamt/db';
import { createApi } from '../create-api.js';
import { readApiSettings } from '../settings/api-settings.js';
import { openApiDocumentOf, openApiText } from './openapi-document.js';

const target = process.argv[2];
if (!target) {
  console.error('usage: write-openapi-cli.js <openapi.json>');
  process.exit(2);
}
const scratch = mkdtempSync(join(tmpdir(), 'openapi-'));
const database = await openDatabase({ dataDir: 'memory://' });
try {
  await migrateToLatest(database.db);
  const app = await createApi(database, readApiSettings({ LOG_LEVEL: 'silent', PROJECTION_CATCH_UP_MS: '0', INBOX_DIR: join(scratch, 'inbox'), DATA_DIR: scratch, PSEUDONYM_KEY: '00'.repeat(32) }));
  writeFileSync(target, openApiText(openApiDocumentOf(app)));
  await app.close();
} finally {
  await database.close().catch(() => undefined);
  rmSync(scratch, { recursive: true, force: true });
}
console.error(`wrote ${target}`);
