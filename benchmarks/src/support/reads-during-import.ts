import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startApiProcess } from './api-process.js';

export interface HeldBackSet {
  /** The set without the held-back rows: what the office had before. */
  readonly folder: string;
  /** The held-back rows as the next morning's sub-process delta. */
  readonly night: string;
  readonly rows: number;
}

/**
 * The set with its last `rows` sub-processes held back into a delta of the next morning: each
 * is a record new to the office, so importing it appends one event per row while the API
 * serves. Lines are split as bytes (UTF-8, CRLF, no line break inside a field).
 */
export function holdBackSubProcesses(folder: string, rows: number): HeldBackSet {
  const before = mkdtempSync(join(tmpdir(), 'bench-before-'));
  const after = mkdtempSync(join(tmpdir(), 'bench-night-'));
  let night: string | undefined;
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.csv'))) {
    if (!name.startsWith('webfm_teilprozesse_')) {
      symlinkSync(join(folder, name), join(before, name));
      continue;
    }
    const bytes = readFileSync(join(folder, name));
    const lineStarts = [0];
    for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) if (at + 1 < bytes.length) lineStarts.push(at + 1);
    if (lineStarts.length - 1 <= rows) throw new Error(`${name} has only ${lineStarts.length - 1} rows; cannot hold back ${rows}`);
    const header = bytes.subarray(0, lineStarts[1]);
    const cut = lineStarts[lineStarts.length - rows]!;
    writeFileSync(join(before, name), bytes.subarray(0, cut));
    const [, day] = /_(\d{8})_\d{4}\.csv$/.exec(name) ?? [];
    const next = new Date(Date.UTC(Number(day!.slice(0, 4)), Number(day!.slice(4, 6)) - 1, Number(day!.slice(6, 8)) + 1));
    night = join(after, `webfm_teilprozesse_${next.toISOString().slice(0, 10).replaceAll('-', '')}_0215.csv`);
    writeFileSync(night, Buffer.concat([header, bytes.subarray(cut)]));
  }
  if (!night) throw new Error(`no sub-process export in ${folder}`);
  return { folder: before, night, rows };
}

export interface ReadsDuringImportOptions {
  readonly root: string;
  readonly databaseUrl: string;
  readonly env: NodeJS.ProcessEnv;
  readonly token: string;
  /** The KPI routes the clients ask in turn, idle and during the import. */
  readonly routes: readonly string[];
  readonly night: string;
  readonly connections: number;
  readonly idleSeconds: number;
  /** How often the API catches its projections up (production: 30 s); short, so that it does during the import. */
  readonly catchUpMs: number;
}

/**
 * The same KPI routes asked by `connections` clients, first with nothing else running, then
 * while the ingest CLI (a process of its own, as in production) imports `night` and the API
 * catches its projections up: latency and the API's peak memory, side by side.
 */
export async function readsDuringImport(options: ReadsDuringImportOptions): Promise<(string | number)[][]> {
  const api = await startApiProcess(options.root, options.databaseUrl, { ...options.env, PROJECTION_CATCH_UP_MS: String(options.catchUpMs) });
  try {
    const requests = options.routes.map((path) => ({ path }));
    const headers = { authorization: `Bearer ${options.token}`, 'accept-encoding': 'gzip, deflate' };
    const load = (duration: number) => autocannon({ url: api.url, requests, connections: options.connections, duration, headers });
    const rows: (string | number)[][] = [];
    const row = (label: string, result: autocannon.Result, importMs: number | string, events: number | string) => [
      label,
      result.latency.p50,
      result.latency.p99,
      result.latency.max,
      Math.round(result.requests.average),
      result.non2xx + result.errors,
      api.peakRssMb(),
      events,
      importMs,
    ];

    rows.push(row('idle', await load(options.idleSeconds), '', ''));

    // The clients run until the import (and its catch-up of the projections) is done, and a catch-up interval of the API's after it.
    const started = performance.now();
    let stop!: () => void;
    const finished = new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({ url: api.url, requests, connections: options.connections, duration: 3_600, headers }, (error, result) => (error ? reject(error) : resolve(result)));
      stop = () => instance.stop();
    });
    let importMs: number;
    let events: number;
    try {
      events = await runIngestCli(options.root, options.databaseUrl, options.env, options.night);
      importMs = performance.now() - started;
      console.error(`the night's import: ${events} events in ${Math.round(importMs)} ms, the clients asking all along`);
      await new Promise((resolve) => setTimeout(resolve, options.catchUpMs * 2));
    } finally {
      stop();
    }
    rows.push(row('during the import', await finished, Math.round(importMs), events));
    return rows;
  } finally {
    await api.stop();
  }
}

/**
 * `npm run ingest -- <file>` as the administrator runs it: its own process, its own heap limit.
 * Returns the events it appended; a file not applied fails the benchmark.
 */
async function runIngestCli(root: string, databaseUrl: string, env: NodeJS.ProcessEnv, file: string): Promise<number> {
  const child = spawn(process.execPath, ['--max-old-space-size=384', join(root, 'apps/ingest/dist/cli.js'), '--json', file], {
    cwd: root,
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', PROGRESS_INTERVAL_MS: '3600000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the import ended with ${code}:\n${errors}${output}`);
  const [summary] = JSON.parse(output) as { status: string; eventsAppended: number }[];
  if (summary?.status !== 'applied') throw new Error(`the night was not applied: ${output}`);
  return summary.eventsAppended;
}
