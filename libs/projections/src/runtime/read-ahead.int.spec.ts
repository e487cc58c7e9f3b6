import { randomUUID } from 'node:crypto';
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from '@jugendamt/db/testing';
import { untilEventsReadable } from '@jugendamt/event-store/testing';
import { EventStore, START, UpcasterRegistry, type LoggedEvent } from '@jugendamt/event-store';
import { ReadAhead } from './read-ahead.js';

const observedAt = new Date('2024-03-01T01:15:00Z');
const keysOf = (events: readonly LoggedEvent[]) => events.map((e) => (e.payload as { key: string }).key);

describe.each(TEST_BACKENDS)('reading a projection’s next page ahead (%s)', (backend) => {
  let database: TestDatabase;
  let tenantId: string;
  let readAhead: ReadAhead;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  afterAll(() => database?.close());
  beforeEach(async () => {
    tenantId = `tenant-${randomUUID()}`;
    const keys = ['e1', 'e2', 'e3', 'e4', 'e5'];
    await new EventStore(database.db).append(tenantId, [
      { streamId: 'aid-1', expectedVersion: 0, events: keys.map((key) => ({ type: 'AidStarted', payload: { key }, observedAt, idempotencyKey: key })) },
    ]);
    await untilEventsReadable(database.db);
    readAhead = new ReadAhead(database.db, tenantId, new UpcasterRegistry(), { limit: 2 });
  });

  it('hands out the page it read ahead when the checkpoint is where the read started', async () => {
    readAhead.start(START);
    expect(keysOf((await readAhead.take(database.db, START)).events)).toEqual(['e1', 'e2']);
  });

  it('reads the page after the checkpoint when another process has moved it past where the read started', async () => {
    const first = await readAhead.take(database.db, START);
    readAhead.start(START);
    // The other process applied the first page meanwhile.
    expect(keysOf((await readAhead.take(database.db, first.next)).events)).toEqual(['e3', 'e4']);
  });
});
