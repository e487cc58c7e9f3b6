import type { INestApplication } from '@nestjs/common';
import { DEFAULT_TENANT_ID, ensureTenant, openDatabase } from '@jugendamt/db';
import { EventStore } from '@jugendamt/event-store';
import { catchUpAll } from '@jugendamt/projections';
import { createTestDatabase, TEST_BACKENDS } from '@jugendamt/db/testing';
import { createApi } from '../create-api.js';
import { apiTestEnv } from '../testing/api-under-test.js';
import { readApiSettings } from '../settings/api-settings.js';

async function getHealth(app: INestApplication): Promise<{ status: number; body: unknown }> {
  await app.listen(0, '127.0.0.1');
  const response = await fetch(`${await app.getUrl()}/health`);
  return { status: response.status, body: await response.json() };
}

describe.each(TEST_BACKENDS)('GET /health on %s', (backend) => {
  it('answers ok once the database is migrated', async () => {
    const app = await createApi(await createTestDatabase(backend), readApiSettings(apiTestEnv()));
    try {
      expect(await getHealth(app)).toEqual({ status: 200, body: { status: 'ok', database: backend } });
    } finally {
      await app.close();
    }
  });
});

describe('GET /health while projections are behind', () => {
  it('answers 503 until the projections have caught up with the log', async () => {
    const database = await createTestDatabase('pglite');
    await ensureTenant(database.db, DEFAULT_TENANT_ID, 'Jugendamt');
    await catchUpAll(database.db, DEFAULT_TENANT_ID);
    await new EventStore(database.db).append(DEFAULT_TENANT_ID, [
      { streamId: 'staff-1', expectedVersion: 0, events: [{ type: 'StaffJoined', payload: {}, observedAt: new Date(), occurredOn: '2025-01-01', idempotencyKey: 'k1' }] },
    ]);
    const app = await createApi(database, readApiSettings(apiTestEnv()));
    try {
      const { status, body } = await getHealth(app);
      expect(status).toBe(503);
      expect(body).toMatchObject({ reason: 'projections catching up: default/staff-history 1 events behind' });
    } finally {
      await app.close();
    }
  });
});

describe('GET /health before migrations', () => {
  it('answers 503 naming the pending migrations', async () => {
    const app = await createApi(await openDatabase({ dataDir: 'memory://' }), readApiSettings(apiTestEnv()));
    try {
      const { status, body } = await getHealth(app);
      expect(status).toBe(503);
      expect(body).toMatchObject({
        status: 'unavailable',
        reason: expect.stringMatching(
          /^migrations pending: 0001-event-store, 0002-ingest, 0003-projections, 0004-api-tokens, 0005-import-administration, 0006-costs-by-team, 0007-aids-by-social-area, 0008-record-state-of-snapshots-only, 0009-idempotency-by-event-id, 0010-exact-fte, 0011-applied-once-per-observation, 0012-console-sessions, 0013-catalogue-authors, 0014-access-log, 0015-record-links, 0016-redaction, 0017-office-isolation, 0018-population, 0019-costs-by-social-area, 0020-sub-process-begin, 0021-record-lines, 0022-sub-process-work, 0023-leaner-events$/,
        ),
      });
    } finally {
      await app.close();
    }
  });
});
