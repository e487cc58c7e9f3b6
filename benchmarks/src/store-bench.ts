/**
 * `npm run bench:store`: append and read throughput of the event store on real PostgreSQL,
 * next to a raw COPY of the same rows into a plain table, measured in the same run.
 */
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql } from 'kysely';
import { createTestDatabase } from '@jugendamt/db/testing';
import { EventStore, eventIdFor, type NewEvent, type StreamAppend } from '@jugendamt/event-store';
import { measure, perSecond } from './support/measure.js';
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
          event.idempotencyKey,
          JSON.stringify(event.payload),
        ]
          .map(csvField)
          .join(','),
      );
    });
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  const database = await createTestDatabase('postgres', { poolSize: 4 });
  const store = new EventStore(database.db);
  const raw = new pg.Client({ connectionString: database.url });
  await raw.connect();
  await raw.query(`CREATE TABLE copy_baseline (
    tenant_id text, event_id uuid, stream_id text, stream_version integer, event_type text, schema_version smallint,
    occurred_on date, observed_at timestamptz, import_id uuid, idempotency_key text, payload jsonb)`);

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
      const tenantId = randomUUID();
      const result = await measure(`append, batches of ${size}`, RUNS, async (run) => {
        for (const batch of batches[run]!) await store.append(tenantId, batch);
      });
      const events = size * batchesPerRun;
      rows.push([result.label, events, Math.round(result.medianMs), perSecond(events, result.medianMs), size === 10_000 ? ratio(result.medianMs, copy10k.medianMs) : '']);
    }
    rows.push([copy10k.label, 10_000, Math.round(copy10k.medianMs), perSecond(10_000, copy10k.medianMs), '1.00x']);

    // Streams that hold an event already, each appended its next one with its expected version.
    for (const [size, batchesPerRun] of batchSizes.filter(([size]) => size < 10_000)) {
      const tenantId = randomUUID();
      const batches = Array.from({ length: RUNS }, () => Array.from({ length: batchesPerRun }, () => batchOf(size)));
      for (const run of batches) for (const batch of run) await store.append(tenantId, batch);
      const result = await measure(`append to existing streams, batches of ${size}`, RUNS, async (run) => {
        for (const batch of batches[run]!) await store.append(tenantId, nextEvents(batch));
      });
      const events = size * batchesPerRun;
      rows.push([result.label, events, Math.round(result.medianMs), perSecond(events, result.medianMs), '']);
    }

    const tenantId = randomUUID();
    for (let i = 0; i < 10; i++) await store.append(tenantId, batchOf(10_000));
    const total = 100_000;
    const read = await measure('readAll, pages of 1,000', RUNS, async () => {
      let after;
      let seen = 0;
      for (;;) {
        const page = await store.readAll(tenantId, { after, limit: 1000 });
        if (page.events.length === 0) break;
        seen += page.events.length;
        after = page.next;
      }
      if (seen !== total) throw new Error(`read ${seen} events, expected ${total}`);
    });
    const plainSelect = await measure('plain SELECT of the same rows', RUNS, async () => {
      await sql`SELECT * FROM events WHERE tenant_id = ${tenantId}`.execute(database.db);
    });
    rows.push([read.label, total, Math.round(read.medianMs), perSecond(total, read.medianMs), ratio(read.medianMs, plainSelect.medianMs)]);
    rows.push([plainSelect.label, total, Math.round(plainSelect.medianMs), perSecond(total, plainSelect.medianMs), '1.00x']);

    console.log(`\nEvent store on PostgreSQL, median of ${RUNS} runs (ratio: against the baseline of its group)\n`);
    console.log(markdownTable(['operation', 'events', 'median ms', 'events/s', 'vs baseline'], rows));
  } finally {
    await raw.end();
    await database.close();
  }
}

await main();
