/**
 * `npm run bench:store`: append and read throughput of the event store on real PostgreSQL,
 * next to a raw COPY of the same rows into a plain table, measured in the same run, and next to
 * the peer of issue 22, Emmett (support/emmett-peer.ts): the same events, on the same server in
 * a database of its own, the two stores taking turns run by run.
 */
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'kysely';
import { createTestDatabase } from '@jugendamt/db/testing';
import { EventStore, eventIdFor, type NewEvent, type StreamAppend } from '@jugendamt/event-store';
import { EmmettPeer, peerAppends } from './support/emmett-peer.js';
import { measure, measureInTurns, perSecond, type Measurement } from './support/measure.js';
import { markdownTable, ratio } from './support/table.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const observedAt = new Date('2024-01-08T01:15:00Z');

/** An aid event of realistic size: pseudonyms, codes, dates. */
function aidEvent(batch: string, i: number): NewEvent {
  return {
    type: 'AidStarted',
    observedAt,
    occurredOn: '2024-01-02',
    idempotencyKey: `webfm_hilfen:${batch}:${i}`,
    payload: {
      aid: `p_${batch}_${i.toString(36).padStart(8, '0')}`,
      case: `p_case_${(i >> 2).toString(36).padStart(8, '0')}`,
      hilfeart: 'Heimerziehung § 34',
      paragraph: '34',
      setting: 'stationär',
      beginn: '2024-01-02',
      team: 'ASD Team Nord',
      caseWorker: `p_staff_${i % 300}`,
    },
  };
}

function batchOf(size: number): StreamAppend[] {
  const batch = randomUUID();
  return Array.from({ length: size }, (_, i) => ({ streamId: `aid-${batch}-${i}`, expectedVersion: 0, events: [aidEvent(batch, i)] }));
}

/** The next event of each stream of a batch appended before: what a night's changes to known records append. */
function nextEvents(batch: StreamAppend[]): StreamAppend[] {
  return batch.map((append, i) => ({ streamId: append.streamId, expectedVersion: 1, events: [{ ...aidEvent(`${append.streamId}-next`, i), type: 'AidEnded' }] }));
}

function csvField(value: string | null): string {
  if (value === null) return '';
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The same rows the store writes, as CSV, the way a hand-written bulk loader would send them. */
function copyCsv(tenantId: string, appends: StreamAppend[]): string {
  const lines: string[] = [];
  for (const append of appends) {
    append.events.forEach((event, index) => {
      lines.push(
        [
          tenantId,
          eventIdFor(tenantId, event.idempotencyKey),
          append.streamId,
          String(index + 1),
          event.type,
          '1',
          event.occurredOn ?? null,
          event.observedAt.toISOString(),
          null,
          JSON.stringify(event.payload),
        ]
          .map(csvField)
          .join(','),
      );
    });
  }
  return lines.join('\n') + '\n';
}

/** The peer's figures of a row: median ms, events/s, and ours against them (above 1.00x: ours faster). */
function peerColumns(ours: Measurement, peer: Measurement, events: number): (string | number)[] {
  return [Math.round(peer.medianMs), perSecond(events, peer.medianMs), ratio(peer.medianMs, ours.medianMs)];
}

async function main(): Promise<void> {
  const database = await createTestDatabase('postgres', { poolSize: 4 });
  const store = new EventStore(database.db);
  // The peer's tables in a database of their own on the same server; ours are created there
  // too (the helper migrates every test database) and stay empty.
  const peerDatabase = await createTestDatabase('postgres', { poolSize: 1 });
  const peer = await EmmettPeer.open(peerDatabase.url!);
  const raw = new pg.Client({ connectionString: database.url });
  await raw.connect();
  await raw.query(`CREATE TABLE copy_baseline (
    tenant_id text, event_id uuid, stream_id text, stream_version integer, event_type text, schema_version smallint,
    occurred_on date, observed_at timestamptz, import_id uuid, payload jsonb)`);

  try {
    const rows: (string | number)[][] = [];
    const copy10k = await measure('raw COPY, 10,000 rows', RUNS, async () => {
      const tenantId = randomUUID();
      const csv = copyCsv(tenantId, batchOf(10_000));
      await pipeline(Readable.from([csv]), raw.query(copyFrom('COPY copy_baseline FROM STDIN (FORMAT csv)')));
    });

    const batchSizes: [number, number][] = [
      [1, 500],
      [100, 50],
      [10_000, 1],
    ];
    for (const [size, batchesPerRun] of batchSizes) {
      const batches = Array.from({ length: RUNS }, () => Array.from({ length: batchesPerRun }, () => batchOf(size)));
      const peerBatches = batches.map((run) => run.map(peerAppends));
      const tenantId = randomUUID();
      await store.append(tenantId, batchOf(size)); // warm-up, each store once
      await peer.append(peerAppends(batchOf(size)));
      const [result, peerResult] = await measureInTurns(
        RUNS,
        {
          label: `append, batches of ${size}`,
          once: async (run) => {
            for (const batch of batches[run]!) await store.append(tenantId, batch);
          },
        },
        {
          label: `Emmett append, batches of ${size}`,
          once: async (run) => {
            for (const batch of peerBatches[run]!) await peer.append(batch);
          },
        },
      );
      const events = size * batchesPerRun;
      rows.push([
        result.label,
        events,
        Math.round(result.medianMs),
        perSecond(events, result.medianMs),
        size === 10_000 ? ratio(result.medianMs, copy10k.medianMs) : '',
        ...peerColumns(result, peerResult, events),
      ]);
    }
    rows.push([copy10k.label, 10_000, Math.round(copy10k.medianMs), perSecond(10_000, copy10k.medianMs), '1.00x', '', '', '']);

    // Streams that hold an event already, each appended its next one with its expected version.
    for (const [size, batchesPerRun] of batchSizes.filter(([size]) => size < 10_000)) {
      const tenantId = randomUUID();
      const batches = Array.from({ length: RUNS }, () => Array.from({ length: batchesPerRun }, () => batchOf(size)));
      const warmUp = batchOf(size);
      for (const run of [...batches, [warmUp]]) for (const batch of run) await store.append(tenantId, batch);
      await peer.fill(peerAppends([...batches.flat(2), ...warmUp]));
      // The next events built before the clock runs, for both stores alike.
      const next = batches.map((run) => run.map(nextEvents));
      const peerNext = next.map((run) => run.map(peerAppends));
      await store.append(tenantId, nextEvents(warmUp));
      await peer.append(peerAppends(nextEvents(warmUp)));
      const [result, peerResult] = await measureInTurns(
        RUNS,
        {
          label: `append to existing streams, batches of ${size}`,
          once: async (run) => {
            for (const batch of next[run]!) await store.append(tenantId, batch);
          },
        },
        {
          label: `Emmett append to existing streams, batches of ${size}`,
          once: async (run) => {
            for (const batch of peerNext[run]!) await peer.append(batch);
          },
        },
      );
      const events = size * batchesPerRun;
      rows.push([result.label, events, Math.round(result.medianMs), perSecond(events, result.medianMs), '', ...peerColumns(result, peerResult, events)]);
    }

    const tenantId = randomUUID();
    const logged = Array.from({ length: 10 }, () => batchOf(10_000));
    for (const batch of logged) await store.append(tenantId, batch);
    // The peer has no tenants: its whole log is to hold the same 100,000 events and no others,
    // appended one after the other (see EmmettPeer.readAll). Ours reads one tenant's out of a
    // table that holds every row's above.
    await peer.truncate();
    await peer.append(peerAppends(logged.flat()));
    const total = 100_000;
    const readOurs = async () => {
      let after;
      let seen = 0;
      for (;;) {
        const page = await store.readAll(tenantId, { after, limit: 1000 });
        if (page.events.length === 0) break;
        seen += page.events.length;
        after = page.next;
      }
      if (seen !== total) throw new Error(`read ${seen} events, expected ${total}`);
    };
    const readPeer = async () => {
      const seen = await peer.readAll(1000);
      if (seen !== total) throw new Error(`the peer read ${seen} events, expected ${total}`);
    };
    await readOurs(); // warm-up, each store once
    await readPeer();
    const [read, peerRead] = await measureInTurns(RUNS, { label: 'readAll, pages of 1,000', once: readOurs }, { label: 'Emmett readMessagesBatch, pages of 1,000', once: readPeer });
    const plainSelect = await measure('plain SELECT of the same rows', RUNS, async () => {
      await sql`SELECT * FROM events WHERE tenant_id = ${tenantId}`.execute(database.db);
    });
    rows.push([read.label, total, Math.round(read.medianMs), perSecond(total, read.medianMs), ratio(read.medianMs, plainSelect.medianMs), ...peerColumns(read, peerRead, total)]);
    rows.push([plainSelect.label, total, Math.round(plainSelect.medianMs), perSecond(total, plainSelect.medianMs), '1.00x', '', '', '']);

    console.log(`\nEvent store on PostgreSQL, median of ${RUNS} runs (ratio: against the baseline of its group)`);
    console.log(`peer: Emmett (@event-driven-io/emmett-postgresql 0.42.0) on the same server, the two stores taking turns run by run;`);
    console.log(`vs peer: our events/s over the peer's (above 1.00x: ours faster)\n`);
    console.log(markdownTable(['operation', 'events', 'median ms', 'events/s', 'vs baseline', 'peer median ms', 'peer events/s', 'vs peer'], rows));
  } finally {
    await raw.end();
    await peer.close();
    await peerDatabase.close();
    await database.close();
  }
}

await main();
