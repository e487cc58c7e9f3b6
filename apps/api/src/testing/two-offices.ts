import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { DEFAULT_TENANT_ID, ensureTenant, inOffice, openDatabase, type DatabaseHandle } from '@jugendamt/db';
import { createTestDatabase, withClient, type TestDatabase } from '@jugendamt/db/testing';
import { untilEventsReadable } from '@jugendamt/event-store/testing';
import { collectExportFiles, importFiles, importSettings, readIngestSettings } from '@jugendamt/ingest-pipeline';
import { catchUpAll } from '@jugendamt/projections';
import { issueToken } from '../access/token-store.js';
import type { Role } from '../access/role.js';
import { createApi } from '../create-api.js';
import { readApiSettings } from '../settings/api-settings.js';
import { apiTestEnv } from './api-under-test.js';
import { AccessLogWriter } from '../access-log/access-log-writer.js';

export const OFFICE_A = DEFAULT_TENANT_ID;
export const OFFICE_B = 'ost';
/** Office B's exports are the bundled samples with its own team names, so its rows can be told apart in any answer. */
export const B_TEAM_PREFIX = 'Bezirk Ost Team';

export interface TwoOffices {
  readonly url: string;
  /** The owner's view, for the tests' own reference queries. */
  readonly owner: TestDatabase;
  /** The API's connection: a login role that is only a member of jugendamt_app. */
  readonly api: DatabaseHandle;
  readonly loginRole: string;
  readonly tokens: Readonly<Record<'A' | 'B', Readonly<Record<Role, string>>>>;
  readonly keys: Readonly<Record<'A' | 'B', string>>;
  /** Writes the access-log entries the API still holds: it writes them in batches, after the answers. */
  flushAccessLog(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Two offices on one real PostgreSQL, imported side by side through the API's own
 * least-privileged login (as the workers would), each with its own pseudonym key, and the
 * API serving both, as an operator following docs/architecture.md would run it.
 */
export async function startTwoOffices(extraEnv: NodeJS.ProcessEnv = {}): Promise<TwoOffices> {
  const owner = await createTestDatabase('postgres');
  const loginRole = `office_api_${randomBytes(4).toString('hex')}`;
  await withClient(owner.url!, (client) => client.query(`CREATE ROLE ${loginRole} LOGIN IN ROLE jugendamt_app`));
  const loginUrl = new URL(owner.url!);
  loginUrl.username = loginRole;
  const api = await openDatabase({ databaseUrl: loginUrl.toString(), ownerUrl: owner.url, poolSize: 10 });
  const keys = { A: randomBytes(32).toString('hex'), B: randomBytes(32).toString('hex') };
  const env = apiTestEnv({ PSEUDONYM_KEY: keys.A, PSEUDONYM_KEY_OST: keys.B, DATABASE_URL: loginUrl.toString(), ...extraEnv });

  const samplesOfB = mkdtempSync(join(tmpdir(), 'office-b-'));
  const samples = resolve('samples');
  for (const name of readdirSync(samples).filter((n) => n.endsWith('.csv'))) {
    writeFileSync(join(samplesOfB, name), readFileSync(join(samples, name), 'utf8').replaceAll('ASD Team', B_TEAM_PREFIX));
  }
  for (const [tenantId, folder] of [
    [OFFICE_A, samples],
    [OFFICE_B, samplesOfB],
  ] as const) {
    await ensureTenant(owner.db, tenantId, tenantId);
    const settings = importSettings({ tenantId }, readIngestSettings(env));
    const summaries = await inOffice(tenantId, () => collectExportFiles([folder]).then((files) => importFiles(api.app, settings, files)));
    if (!summaries.some((s) => s.status === 'applied')) throw new Error(`office ${tenantId}: nothing applied`);
  }
  rmSync(samplesOfB, { recursive: true, force: true });
  await untilEventsReadable(owner.db);
  for (const tenantId of [OFFICE_A, OFFICE_B]) await inOffice(tenantId, () => catchUpAll(api.app, tenantId));

  const tokensOf = async (tenantId: string) => ({
    admin: (await issueToken(owner.db, tenantId, 'admin', 'test')).token,
    controlling: (await issueToken(owner.db, tenantId, 'controlling', 'test')).token,
    planning: (await issueToken(owner.db, tenantId, 'planning', 'test')).token,
  });
  const tokens = { A: await tokensOf(OFFICE_A), B: await tokensOf(OFFICE_B) };
  const app: INestApplication = await createApi(api, readApiSettings(env));
  await app.listen(0, '127.0.0.1');
  return {
    url: await app.getUrl(),
    owner,
    api,
    loginRole,
    tokens,
    keys,
    flushAccessLog: () => app.get(AccessLogWriter).flush(),
    async close() {
      await app.close();
      rmSync(env['INBOX_DIR']!, { recursive: true, force: true });
      await owner.close();
      await withClient(new URL('/postgres', owner.url!).toString(), (client) => client.query(`DROP ROLE IF EXISTS ${loginRole}`));
    },
  };
}
