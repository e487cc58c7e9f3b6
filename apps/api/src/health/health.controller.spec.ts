import type { INestApplication } from '@nestjs/common';
import { openDatabase } from '@jugendamt/db';
import { createTestDatabase, TEST_BACKENDS } from '@jugendamt/db/testing';
import { createApi } from '../create-api.js';

async function getHealth(app: INestApplication): Promise<{ status: number; body: unknown }> {
  await app.listen(0, '127.0.0.1');
  const response = await fetch(`${await app.getUrl()}/health`);
  return { status: response.status, body: await response.json() };
}

describe.each(TEST_BACKENDS)('GET /health on %s', (backend) => {
  it('answers ok once the database is migrated', async () => {
    const app = await createApi(await createTestDatabase(backend));
    try {
      expect(await getHealth(app)).toEqual({ status: 200, body: { status: 'ok', database: backend } });
    } finally {
      await app.close();
    }
  });
});

describe('GET /health before migrations', () => {
  it('answers 503 naming the pending migrations', async () => {
    const app = await createApi(await openDatabase({ dataDir: 'memory://' }));
    try {
      const { status, body } = await getHealth(app);
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/^migrations pending: 0001-event-store, 0002-ingest, 0003-projections$/) });
    } finally {
      await app.close();
    }
  });
});
