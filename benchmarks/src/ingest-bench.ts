/**
 * `npm run bench:ingest`: the whole ingest pipeline (read, check, pseudonymise, diff, append
 * events, record state and report) over a generated large-city export set on real
 * PostgreSQL, next to a raw COPY of the same files into plain staging tables, in one run:
 * the initial load, and the night after it that the administrator waits for every morning.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { collectExportFiles } from '@jugendamt/ingest-pipeline';
import { createTestDatabase } from '@jugendamt/db/testing';
import { copyFilesRaw } from './ingest/copy-baseline.js';
import { copyEventsAgain } from './ingest/event-rows-floor.js';
import { generatedSet } from './ingest/generated-set.js';
import { eventBytes, type EventBytes } from './ingest/event-bytes.js';
import { splitInitialLoadAndNight } from './ingest/night-files.js';
import { parseFilesOnly } from './ingest/parse-baseline.js';
import { median, perSecond } from './support/measure.js';
import { markdownTable, ratio } from './support/table.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const SCALE = Number(process.env['BENCH_SCALE'] ?? 50);
const SEED = Number(process.env['BENCH_SEED'] ?? 1);
const root = fileURLToPath(new URL('../../', import.meta.url));

interface ImportPart {
  readonly ms: number;
  readonly rows: number;
  readonly events: number;
}

interface PipelineRun {
  readonly initialLoad: ImportPart;
  readonly night: ImportPart;
  readonly peakRssMb: number;
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** A raw COPY of these files into a fresh database of their own. */
async function copyBaseline(files: readonly string[]): Promise<number> {
  const baseline = await createTestDatabase('postgres');
  try {
    return await timed(() => copyFilesRaw(baseline.url!, files));
  } finally {
    await baseline.close();
  }
}

async function main(): Promise<void> {
  // BENCH_FOLDER: measure an office's own exports (an initial load and a night after it) instead of a generated set.
  const folder = process.env['BENCH_FOLDER'] ?? generatedSet(root, SCALE, SEED, 1);
  const files = await collectExportFiles([folder]);
  const { initialLoad, night } = splitInitialLoadAndNight(files);
  const copyMs: number[] = [];
  const nightCopyMs: number[] = [];
  const parseMs: number[] = [];
  const eventCopyMs: number[] = [];
  const pipeline: PipelineRun[] = [];
  let bytes: EventBytes | undefined;
  for (let run = 0; run < RUNS; run++) {
    // Each run on fresh databases: the initial load of an office, as the first night brings it, then the next night.
    copyMs.push(await copyBaseline(initialLoad));
    nightCopyMs.push(await copyBaseline(night));
    parseMs.push(await timed(async () => void (await parseFilesOnly(initialLoad))));
    const target = await createTestDatabase('postgres');
    try {
      // The heap limit the ingest scripts run with: V8 otherwise grows the heap with the garbage of a long import.
      const output = execFileSync(process.execPath, ['--max-old-space-size=384', join(root, 'benchmarks/dist/ingest/run-pipeline.js'), ...files], {
        env: { ...process.env, DATABASE_URL: target.url, PSEUDONYM_KEY: 'ab'.repeat(32) },
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      pipeline.push(JSON.parse(output.trim().split('\n').pop()!) as PipelineRun);
      bytes ??= await eventBytes(target.url!);
      eventCopyMs.push(await copyEventsAgain(target.url!));
    } finally {
      await target.close();
    }
    const p = pipeline[run]!;
    console.error(
      `run ${run + 1}/${RUNS}: COPY ${Math.round(copyMs[run]!)} ms, csv-parse alone ${Math.round(parseMs[run]!)} ms, COPY of the events ${Math.round(eventCopyMs[run]!)} ms, ` +
        `pipeline ${Math.round(p.initialLoad.ms)} ms; night: COPY ${Math.round(nightCopyMs[run]!)} ms, pipeline ${Math.round(p.night.ms)} ms; peak ${Math.round(p.peakRssMb)} MB`,
    );
  }

  const load = pipeline[0]!.initialLoad;
  const nightPart = pipeline[0]!.night;
  const copyMedian = median(copyMs);
  const nightCopyMedian = median(nightCopyMs);
  const parseMedian = median(parseMs);
  const eventCopyMedian = median(eventCopyMs);
  const pipelineMedian = median(pipeline.map((p) => p.initialLoad.ms));
  const nightMedian = median(pipeline.map((p) => p.night.ms));
  const peak = Math.round(Math.max(...pipeline.map((p) => p.peakRssMb)));
  console.log(`\nIngest of ${initialLoad.length} files of an initial load and the ${night.length} files of the night after it (scale ${SCALE}, seed ${SEED}) on PostgreSQL, median of ${RUNS} runs\n`);
  console.log(
    markdownTable(
      ['what', 'rows', 'events', 'median ms', 'rows/s', 'peak RSS MB', 'vs baseline'],
      [
        ['ingest pipeline (initial load)', load.rows, load.events, Math.round(pipelineMedian), perSecond(load.rows, pipelineMedian), peak, ratio(pipelineMedian, copyMedian)],
        [
          'COPY of the events as stored (load and night)',
          load.rows,
          load.events + nightPart.events,
          Math.round(eventCopyMedian),
          perSecond(load.rows, eventCopyMedian),
          '',
          ratio(eventCopyMedian, copyMedian),
        ],
        ['csv-parse alone, no database', load.rows, '', Math.round(parseMedian), perSecond(load.rows, parseMedian), '', ratio(parseMedian, copyMedian)],
        ['raw COPY into staging tables', load.rows, '', Math.round(copyMedian), perSecond(load.rows, copyMedian), '', '1.00x'],
        ['ingest pipeline (the night after)', nightPart.rows, nightPart.events, Math.round(nightMedian), perSecond(nightPart.rows, nightMedian), peak, ratio(nightMedian, nightCopyMedian)],
        ["raw COPY of the night's files", nightPart.rows, '', Math.round(nightCopyMedian), perSecond(nightPart.rows, nightCopyMedian), '', '1.00x'],
      ],
    ),
  );
  console.log(`\nWhat an event costs on disk after the load and the night (${bytes!.events.toLocaleString('en-US')} events)\n`);
  console.log(markdownTable(['part', 'bytes per event'], bytes!.perEvent));
}

await main();
