import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '@jugendamt/db';
import { createTestDatabase, TEST_BACKENDS, type TestDatabase } from '@jugendamt/db/testing';
import { untilEventsReadable } from './testing/index.js';
import { EventStore } from './event-store.js';
import { WrongExpectedVersionError } from './errors.js';
import { comparePositions, type NewEvent, type LoggedEvent, type Position } from './event.js';
import { UpcasterRegistry } from './upcasting.js';
import { eventIdFor } from './event-id.js';

const observedAt = new Date('2024-01-08T02:15:00+01:00');

function event(key: string, payload: unknown = { key }, type = 'AidStarted'): NewEvent {
  return { type, payload, observedAt, occurredOn: '2024-01-02', idempotencyKey: key };
}

/** The log hands out no idempotency keys: events that must be told apart carry theirs in the payload. */
const keyOf = (e: LoggedEvent) => (e.payload as { key: string }).key;

/** Reads the whole log of a tenant once every committed event is readable (see untilEventsReadable). */
async function readEverything(database: TestDatabase, store: EventStore, tenantId: string, after?: Position): Promise<LoggedEvent[]> {
  await untilEventsReadable(database.db);
  const all: LoggedEvent[] = [];
  let cursor = after;
  for (;;) {
    const { events, next } = await store.readAll(tenantId, { after: cursor, limit: 100 });
    if (events.length === 0) return all;
    all.push(...events);
    cursor = next;
  }
}

describe.each(TEST_BACKENDS)('event store on %s', (backend) => {
  let database: TestDatabase;
  let store: EventStore;
  let tenantId: string;

  beforeAll(async () => {
    database = await createTestDatabase(backend, { poolSize: 20 });
    store = new EventStore(database.db);
  });
  afterAll(() => database?.close());
  beforeEach(() => {
    tenantId = `tenant-${randomUUID()}`;
  });

  it('moves a reader of some event types past the events of other types, and no further than a full page', async () => {
    await store.append(tenantId, [{ streamId: 'staff-1', expectedVersion: 0, events: [event('s0', undefined, 'StaffJoined'), event('s1', undefined, 'StaffLeft')] }]);
    await store.append(tenantId, [{ streamId: 'aid-1', expectedVersion: 0, events: [event('a0'), event('a1'), event('a2')] }]);
    const all = await readEverything(database, store, tenantId);
    const staffTypes = ['StaffJoined', 'StaffLeft'];

    const fullPage = await store.readAll(tenantId, { limit: 2, eventTypes: staffTypes });
    expect(fullPage.events.map(keyOf)).toEqual(['s0', 's1']);
    expect(fullPage.next).toEqual(all[1]!.position);

    const shortPage = await store.readAll(tenantId, { limit: 10, eventTypes: staffTypes });
    expect(shortPage.events).toHaveLength(2);
    expect(shortPage.next).toEqual(all.at(-1)!.position);
    const nothingNew = await store.readAll(tenantId, { after: shortPage.next, limit: 10, eventTypes: staffTypes });
    expect(nothingNew).toEqual({ events: [], next: shortPage.next });

    await store.append(tenantId, [{ streamId: 'staff-1', expectedVersion: 2, events: [event('s2', undefined, 'StaffJoined')] }]);
    await untilEventsReadable(database.db);
    const later = await store.readAll(tenantId, { after: shortPage.next, limit: 10, eventTypes: staffTypes });
    expect(later.events.map(keyOf)).toEqual(['s2']);
  });

  it('appends to streams and reads them back with versions and envelope', async () => {
    const result = await store.append(tenantId, [
      { streamId: 'aid-1', expectedVersion: 0, events: [event('a1'), event('a2', { x: 1 }, 'AidEnded')] },
      { streamId: 'aid-2', expectedVersion: 0, events: [event('b1')] },
    ]);
    expect(result.appended).toBe(3);
    expect(result.duplicates).toEqual([]);
    expect(result.streamVersions).toEqual(
      new Map([
        ['aid-1', 2],
        ['aid-2', 1],
      ]),
    );

    const stream = await store.readStream(tenantId, 'aid-1');
    expect(stream.map((e) => [e.streamVersion, e.type, e.payload])).toEqual([
      [1, 'AidStarted', { key: 'a1' }],
      [2, 'AidEnded', { x: 1 }],
    ]);
    expect(stream[0]).toMatchObject({ occurredOn: '2024-01-02', schemaVersion: 1, eventId: eventIdFor(tenantId, 'a1'), tenantId });
    expect(stream[0]!.observedAt.toISOString()).toBe(observedAt.toISOString());
  });

  it('lets exactly one of several concurrent appends with the same expected version win', async () => {
    await store.append(tenantId, [{ streamId: 'case-1', expectedVersion: 0, events: [event('c0')] }]);
    const attempts = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => store.append(tenantId, [{ streamId: 'case-1', expectedVersion: 1, events: [event(`c1-${i}`)] }])));
    const won = attempts.filter((a) => a.status === 'fulfilled');
    const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(5);
    for (const failure of lost) {
      expect(failure.reason).toBeInstanceOf(WrongExpectedVersionError);
      expect((failure.reason as WrongExpectedVersionError).conflicts).toEqual([{ streamId: 'case-1', expected: 1, actual: 2 }]);
    }
    expect((await store.readStream(tenantId, 'case-1')).map((e) => e.streamVersion)).toEqual([1, 2]);
  });

  it('writes nothing of a batch when one of its streams conflicts', async () => {
    await store.append(tenantId, [{ streamId: 'staff-1', expectedVersion: 0, events: [event('s0')] }]);
    await expect(
      store.append(tenantId, [
        { streamId: 'staff-2', expectedVersion: 0, events: [event('s2')] },
        { streamId: 'staff-1', expectedVersion: 0, events: [event('s1')] },
      ]),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.readStream(tenantId, 'staff-2')).toEqual([]);
    expect(await readEverything(database, store, tenantId)).toHaveLength(1);
  });

  it('refuses an append to a stream behind its expected version, which would leave a gap, and writes nothing of the batch', async () => {
    await store.append(tenantId, [{ streamId: 'aid-gap', expectedVersion: 0, events: [event('g1')] }]);
    await expect(
      store.append(tenantId, [
        { streamId: 'aid-new', expectedVersion: 0, events: [event('g2')] },
        { streamId: 'aid-gap', expectedVersion: 3, events: [event('g4')] },
      ]),
    ).rejects.toMatchObject({ name: 'WrongExpectedVersionError', conflicts: [{ streamId: 'aid-gap', expected: 3, actual: 1 }] });
    expect(await readEverything(database, store, tenantId)).toHaveLength(1);
  });

  it('treats a re-append of the same idempotency keys as a reported no-op', async () => {
    const batch = [{ streamId: 'aid-9', expectedVersion: 0, events: [event('k1'), event('k2')] }];
    await store.append(tenantId, batch);
    const again = await store.append(tenantId, batch);
    expect(again).toEqual({ appended: 0, duplicates: ['k1', 'k2'], streamVersions: new Map() });

    const mixed = await store.append(tenantId, [{ streamId: 'aid-9', expectedVersion: 2, events: [event('k2'), event('k3'), event('k3')] }]);
    expect(mixed.appended).toBe(1);
    expect(mixed.duplicates).toEqual(['k2', 'k3']);
    expect((await store.readStream(tenantId, 'aid-9')).map((e) => e.eventId)).toEqual(['k1', 'k2', 'k3'].map((key) => eventIdFor(tenantId, key)));
  });

  it('stores the event id derived from the idempotency key, not the key itself', async () => {
    await store.append(tenantId, [{ streamId: 'aid-keys', expectedVersion: 0, events: [event('key-not-stored')] }]);
    const { rows } = await sql<{ event_id: string; idempotency_key: string | null }>`
      SELECT event_id, idempotency_key FROM events WHERE tenant_id = ${tenantId} AND stream_id = 'aid-keys'`.execute(database.db);
    expect(rows).toEqual([{ event_id: eventIdFor(tenantId, 'key-not-stored'), idempotency_key: null }]);
  });

  it('reads the last event of each stream asked for, a transaction seeing its own appends', async () => {
    await store.append(tenantId, [
      { streamId: 'sub-1', expectedVersion: 0, events: [event('p1'), event('p2', undefined, 'SubProcessCompleted')] },
      { streamId: 'sub-2', expectedVersion: 0, events: [event('q1')] },
    ]);
    const last = await store.readLastEvents(tenantId, ['sub-1', 'sub-2', 'sub-unknown']);
    expect([...last].map(([streamId, e]) => [streamId, e.streamVersion, e.type, keyOf(e)]).sort()).toEqual([
      ['sub-1', 2, 'SubProcessCompleted', 'p2'],
      ['sub-2', 1, 'AidStarted', 'q1'],
    ]);

    const rolledBack = database.db.transaction().execute(async (trx) => {
      await store.append(tenantId, [{ streamId: 'sub-2', expectedVersion: 1, events: [event('q2')] }], trx);
      expect(keyOf((await store.readLastEvents(tenantId, ['sub-2'], trx)).get('sub-2')!)).toBe('q2');
      throw new Error('roll back');
    });
    await expect(rolledBack).rejects.toThrow('roll back');
    expect(keyOf((await store.readLastEvents(tenantId, ['sub-2'])).get('sub-2')!)).toBe('q1');
    expect(await store.readLastEvents(`tenant-${randomUUID()}`, ['sub-1'])).toEqual(new Map());
  });

  it('stores payloads and stream ids as given, line breaks, quotes and braces included', async () => {
    const payload = { text: 'Zeile 1\nZeile 2\r\n', quotes: `"\\'`, separators: '\u2028\t;{}', nested: [{ a: null }, 1.5, 'ä'] };
    const streamId = 'aid-{"1",\\2} x';
    await store.append(tenantId, [
      { streamId, expectedVersion: 0, events: [event('odd-1', payload), event('odd-2', 'just a string')] },
      { streamId: 'aid-plain', expectedVersion: 0, events: [event('odd-3', [])] },
    ]);
    expect((await store.readStream(tenantId, streamId)).map((e) => e.payload)).toEqual([payload, 'just a string']);
    expect((await store.readStream(tenantId, 'aid-plain')).map((e) => e.payload)).toEqual([[]]);

    await expect(store.append(tenantId, [{ streamId: 'aid-1\naid-2', expectedVersion: 0, events: [event('odd-4')] }])).rejects.toThrow('a stream id must be one line of text, not "aid-1\\naid-2"');
    await expect(store.append(tenantId, [{ streamId: 'aid-4', expectedVersion: 0, events: [event('')] }])).rejects.toThrow(/needs an idempotency key/);
  });

  it('appends a prepared append as it would the streams, and checks it against the log when it is sent', async () => {
    const first = store.prepare(tenantId, [{ streamId: 'aid-5', expectedVersion: 0, events: [event('p1'), event('p2')] }]);
    const second = store.prepare(tenantId, [{ streamId: 'aid-5', expectedVersion: 2, events: [event('p3')] }]);
    const stale = store.prepare(tenantId, [{ streamId: 'aid-5', expectedVersion: 1, events: [event('p4')] }]);
    expect(await readEverything(database, store, tenantId)).toEqual([]);

    expect(await store.append(tenantId, first)).toMatchObject({ appended: 2, streamVersions: new Map([['aid-5', 2]]) });
    expect(await store.append(tenantId, first)).toMatchObject({ appended: 0, duplicates: ['p1', 'p2'] });
    await expect(store.append(tenantId, stale)).rejects.toBeInstanceOf(WrongExpectedVersionError);
    await expect(store.append(`tenant-${randomUUID()}`, second)).rejects.toThrow(/prepared for tenant/);
    expect(await store.append(tenantId, second)).toMatchObject({ appended: 1 });
    expect((await store.readStream(tenantId, 'aid-5')).map(keyOf)).toEqual(['p1', 'p2', 'p3']);
  });

  it('keeps tenants apart', async () => {
    const other = `tenant-${randomUUID()}`;
    await store.append(tenantId, [{ streamId: 'aid-1', expectedVersion: 0, events: [event('same-key')] }]);
    const result = await store.append(other, [{ streamId: 'aid-1', expectedVersion: 0, events: [event('same-key')] }]);
    expect(result.appended).toBe(1);
    expect(await readEverything(database, store, tenantId)).toHaveLength(1);
    expect(await readEverything(database, store, other)).toHaveLength(1);
  });

  it('upcasts events stored with an older schema version on read', async () => {
    const upcasters = new UpcasterRegistry()
      .register('AidEnded', 1, (p: { ende: string }) => ({ endedOn: p.ende }))
      .register('AidEnded', 2, (p: { endedOn: string }) => ({ ...p, reasonCode: 'unbekannt' }));
    const reader = new EventStore(database.db, upcasters);
    await store.append(tenantId, [
      {
        streamId: 'aid-7',
        expectedVersion: 0,
        events: [
          { ...event('old', { ende: '2023-12-31' }, 'AidEnded'), schemaVersion: 1 },
          { ...event('new', { endedOn: '2024-01-31', reasonCode: 'Beendigung gemäß Hilfeplan' }, 'AidEnded'), schemaVersion: 3 },
        ],
      },
    ]);
    const events = await reader.readStream(tenantId, 'aid-7');
    expect(events.map((e) => [e.schemaVersion, e.payload])).toEqual([
      [3, { endedOn: '2023-12-31', reasonCode: 'unbekannt' }],
      [3, { endedOn: '2024-01-31', reasonCode: 'Beendigung gemäß Hilfeplan' }],
    ]);
    await untilEventsReadable(database.db);
    const viaLog = await new EventStore(database.db, upcasters).readAll(tenantId);
    expect(viaLog.events[0]!.payload).toEqual({ endedOn: '2023-12-31', reasonCode: 'unbekannt' });
  });

  it('refuses to update, delete or truncate events at the database level', async () => {
    await store.append(tenantId, [{ streamId: 'aid-1', expectedVersion: 0, events: [event('guarded')] }]);
    const db = database.db;
    await expect(sql`UPDATE events SET payload = '{}' WHERE tenant_id = ${tenantId}`.execute(db)).rejects.toThrow(/events are immutable: UPDATE/);
    await expect(sql`DELETE FROM events WHERE tenant_id = ${tenantId}`.execute(db)).rejects.toThrow(/events are immutable: DELETE/);
    await expect(sql`TRUNCATE events`.execute(db)).rejects.toThrow(/events are immutable: TRUNCATE/);
    expect((await store.readStream(tenantId, 'aid-1')).map((e) => e.payload)).toEqual([{ key: 'guarded' }]);
  });

  it('offers no update or delete operation in its API', () => {
    const operations = Object.getOwnPropertyNames(EventStore.prototype).filter((name) => name !== 'constructor');
    expect(operations.sort()).toEqual(['append', 'prepare', 'readAll', 'readLastEvents', 'readStream']);
  });

  it('delivers every event exactly once, in commit order, to a reader following many concurrent writers', async () => {
    const writers = 8;
    const batchesPerWriter = 15;
    let writing = true;
    const seen: LoggedEvent[] = [];
    const follow = (async () => {
      let cursor: Position | undefined;
      while (writing || cursor === undefined || (await store.readAll(tenantId, { after: cursor, limit: 1 })).events.length) {
        const { events, next } = await store.readAll(tenantId, { after: cursor, limit: 37 });
        seen.push(...events);
        cursor = next;
        if (events.length === 0) await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let b = 0; b < batchesPerWriter; b++) {
          const size = 1 + ((w * 7 + b * 3) % 9);
          await store.append(tenantId, [{ streamId: `writer-${w}`, expectedVersion: 'any', events: Array.from({ length: size }, (_, i) => event(`w${w}-b${b}-e${i}`)) }]);
        }
      }),
    );
    await untilEventsReadable(database.db);
    writing = false;
    await follow;

    const stored = await sql<{ n: number }>`SELECT count(*)::int AS n FROM events WHERE tenant_id = ${tenantId}`.execute(database.db);
    const keys = seen.map(keyOf);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(stored.rows[0]!.n);
    for (let i = 1; i < seen.length; i++) expect(comparePositions(seen[i - 1]!.position, seen[i]!.position)).toBeLessThan(0);
    for (let w = 0; w < writers; w++) {
      const versions = seen.filter((e) => e.streamId === `writer-${w}`).map((e) => e.streamVersion);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
    }
  });

  if (backend === 'postgres') {
    it('does not let a reader pass an event whose transaction commits after a later-numbered one', async () => {
      let releaseSlowWriter!: () => void;
      const slowWriterMayCommit = new Promise<void>((resolve) => (releaseSlowWriter = resolve));
      let slowWriterInserted!: () => void;
      const slowWriterHasInserted = new Promise<void>((resolve) => (slowWriterInserted = resolve));

      const slow = database.db.transaction().execute(async (trx) => {
        await store.append(tenantId, [{ streamId: 'slow', expectedVersion: 0, events: [event('slow-1')] }], trx);
        slowWriterInserted();
        await slowWriterMayCommit;
      });
      await slowWriterHasInserted;
      await store.append(tenantId, [{ streamId: 'fast', expectedVersion: 0, events: [event('fast-1')] }]);

      // A naive reader ("everything committed, by position") would see the fast event now and
      // checkpoint past the slow one's lower position.
      const committed = await sql<{ key: string }>`
        SELECT payload->>'key' AS key FROM events WHERE tenant_id = ${tenantId} ORDER BY global_position`.execute(database.db);
      expect(committed.rows.map((r) => r.key)).toEqual(['fast-1']);

      const whileSlowIsOpen = await store.readAll(tenantId);
      expect(whileSlowIsOpen.events).toEqual([]);

      releaseSlowWriter();
      await slow;
      const afterCommit = await readEverything(database, store, tenantId, whileSlowIsOpen.next);
      expect(afterCommit.map(keyOf)).toEqual(['slow-1', 'fast-1']);
      expect(BigInt(afterCommit[0]!.position.globalPosition)).toBeLessThan(BigInt(afterCommit[1]!.position.globalPosition));
    });
  }
});

describe('what an append sends to PostgreSQL', () => {
  let database: TestDatabase;
  let logged: Kysely<Database>;
  const sent: string[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    // Kysely logs every statement on its connections, BEGIN, SAVEPOINT and COMMIT included.
    logged = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }),
      log: (entry) => void sent.push(entry.query.sql.trim().split(/\s+/)[0]!.toUpperCase()),
    });
  });
  afterAll(async () => {
    await logged?.destroy();
    await database?.close();
  });
  beforeEach(() => void sent.splice(0));

  it('sends an append of its own to new streams as one INSERT: no transaction, no savepoint', async () => {
    await new EventStore(logged).append('tenant-wire', [{ streamId: `aid-${randomUUID()}`, expectedVersion: 0, events: [event(randomUUID())] }]);
    expect(sent).toEqual(['INSERT']);
  });

  it('sends an append to existing streams as one INSERT too, which itself checks their expected versions', async () => {
    const streamId = `aid-${randomUUID()}`;
    await new EventStore(logged).append('tenant-wire', [{ streamId, expectedVersion: 0, events: [event(randomUUID())] }]);
    sent.splice(0);
    await new EventStore(logged).append('tenant-wire', [{ streamId, expectedVersion: 1, events: [event(randomUUID()), event(randomUUID())] }]);
    expect(sent).toEqual(['INSERT']);
  });

  it("puts an append inside a caller's transaction under a savepoint, so that a conflict leaves that transaction usable", async () => {
    await logged.transaction().execute((trx) => new EventStore(trx).append('tenant-wire', [{ streamId: `aid-${randomUUID()}`, expectedVersion: 0, events: [event(randomUUID())] }]));
    expect(sent).toEqual(['BEGIN', 'SAVEPOINT', 'INSERT', 'RELEASE', 'COMMIT']);
  });
});
