/**
 * `npm run bench:ingest`: the whole ingest pipeline (read, check, pseudonymise, diff, append
 * events, record state and report) over a generated large-city export set on real
 * PostgreSQL, next to a raw COPY of the same files into plain staging tables, in one run.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { collectExportFiles } from '@jugendamt/ingest';
import { createTestDatabase } from '@jugendamt/db/testing';
import { copyFilesRaw } from './ingest/copy-baseline.js';
import { copyEventsAgain } from './ingest/event-rows-floor.js';
import { generatedSet } from './ingest/generated-set.js';
import { parseFilesOnly } from './ingest/parse-baseline.js';
import { median, perSecond } from './support/measure.js';
import { markdownTable, ratio } from './support/table.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const SCALE = Number(process.env['BENCH_SCALE'] ?? 50);
const SEED = Number(process.env['BENCH_SEED'] ?? 1);
const root = fileURLToPath(new URL('../../', import.meta.url));

interface PipelineRun {
  readonly ms: number;
  readonly rows: number;
  readonly events: number;
  readonly peakRssMb: number;
}

async function timed(work: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(): Promise<void> {
  // BENCH_FOLDER: measure an office's own exports instead of a generated set.
  const folder = process.env['BENCH_FOLDER'] ?? generatedSet(root, SCALE, SEED);
  const files = await collectExportFiles([folder]);
  const copyMs: number[] = [];
  const parseMs: number[] = [];
  const eventCopyMs: number[] = [];
  const pipeline: PipelineRun[] = [];
  for (let run = 0; run < RUNS; run++) {
    // Each run on fresh databases: the initial load of an office, as the first night brings it.
    const baseline = await createTestDatabase('postgres');
    try {
      copyMs.push(await timed(() => copyFilesRaw(baseline.url!, files)));
    } finally {
      await baseline.close();
    }
    parseMs.push(await timed(async () => void (await parseFilesOnly(files))));
    const target = await createTestDatabase('postgres');
    try {
      // The heap limit the ingest scripts run with: V8 otherwise grows the heap with the garbage of a long import.
      const output = execFileSync(process.execPath, ['--max-old-space-size=384', join(root, 'benchmarks/dist/ingest/run-pipeline.js'), folder], {
        env: { ...process.env, DATABASE_URL: target.url, PSEUDONYM_KEY: 'ab'.repeat(32) },
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      pipeline.push(JSON.parse(output.trim().split('\n').pop()!) as PipelineRun);
      eventCopyMs.push(await copyEventsAgain(target.url!));
    } finally {
      await target.close();
    }
    console.error(`run ${run + 1}/${RUNS}: COPY ${Math.round(copyMs[run]!)} ms, csv-parse alone ${Math.round(parseMs[run]!)} ms, COPY of the events ${Math.round(eventCopyMs[run]!)} ms, pipeline ${Math.round(pipeline[run]!.ms)} ms, peak ${Math.round(pipeline[run]!.peakRssMb)} MB`);
  }

  const rows = pipeline[0]!.rows;
  const copyMedian = median(copyMs);
  const parseMedian = median(parseMs);
  const eventCopyMedian = median(eventCopyMs);
  const pipelineMedian = median(pipeline.map((p) => p.ms));
  console.log(`\nIngest of ${files.length} files (scale ${SCALE}, seed ${SEED}) on PostgreSQL, median of ${RUNS} runs\n`);
  console.log(
    markdownTable(
      ['what', 'rows', 'events', 'median ms', 'rows/s', 'peak RSS MB', 'vs baseline'],
      [
        ['ingest pipeline (all files)', rows, pipeline[0]!.events, Math.round(pipelineMedian), perSecond(rows, pipelineMedian), Math.round(Math.max(...pipeline.map((p) => p.peakRssMb))), ratio(pipelineMedian, copyMedian)],
        ['COPY of the events as stored', rows, pipeline[0]!.events, Math.round(eventCopyMedian), perSecond(rows, eventCopyMedian), '', ratio(eventCopyMedian, copyMedian)],
        ['csv-parse alone, no database', rows, '', Math.round(parseMedian), perSecond(rows, parseMedian), '', ratio(parseMedian, copyMedian)],
        ['raw COPY into staging tables', rows, '', Math.round(copyMedian), perSecond(rows, copyMedian), '', '1.00x'],
      ],
    ),
  );
}

await main();
