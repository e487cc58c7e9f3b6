import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_EXPORT_PROFILE, EXPORT_SOURCES, type ExportSource } from '@jugendamt/domain';
import { exportFormatOf, writeExportCsv, sha256OfFile } from '@jugendamt/ingest-pipeline';
import type { Day } from './calendar.js';
import { exportFileName } from './export-file-names.js';
import { writeFileTroubles, type RegularFile } from './file-troubles.js';
import { personalValuesOf, type Manifest, type ManifestFile } from './manifest.js';
import { nightRows, type Night } from './night-rows.js';
import { buildOfficeModel, type GeneratorSettings, type OfficeModel } from './office-model.js';
import { populationFiles, populationRows, type PopulationFile } from './population.js';
import { Prng } from './prng.js';
import { RowTroubleInjector, type InjectedTrouble, type Trouble } from './troubles.js';
import type { ExportRow } from './export-rows.js';

export const GENERATOR_VERSION = 3;

export interface ExportSetRequest extends GeneratorSettings {
  readonly out: string;
  readonly troubles: ReadonlySet<Trouble>;
  /** The command line, recorded in the manifest. */
  readonly args?: readonly string[];
  readonly onFile?: (file: ManifestFile) => void;
}

/** Writes the initial load and the nights after it, then the manifest that says what is where. */
export async function writeExportSet(request: ExportSetRequest): Promise<Manifest> {
  mkdirSync(request.out, { recursive: true });
  const model = buildOfficeModel(request);
  const files: ManifestFile[] = [];
  const injected: InjectedTrouble[] = [];
  const nights: Night[] = Array.from({ length: request.nights + 1 }, (_, n) => ({ observed: request.initialLoad + n, initial: n === 0 }));
  const lastNight = nights.at(-1)!;
  const regular: RegularFile[] = [];

  for (const night of nights) {
    for (const source of NIGHTLY_SOURCES) {
      const name = exportFileName(source, night.observed);
      const headers = headersOf(source, night === lastNight ? request.troubles : new Set(), request.seed, name);
      const troubles = new RowTroubleInjector(request.seed, name, source, night.observed, request.troubles);
      const path = join(request.out, name);
      let rows = 0;
      const lines = function* () {
        yield headers;
        for (const row of nightRows(model, source, night)) {
          rows++;
          yield troubles.apply(row, headers);
        }
      };
      await writeExportCsv(path, exportFormatOf(DEFAULT_EXPORT_PROFILE.sources[source]), lines());
      injected.push(...troubles.injected);
      if (headers.length !== defaultHeaders(source).length || headers.some((h, i) => h !== defaultHeaders(source)[i])) {
        injected.push({ file: name, trouble: headers.length > defaultHeaders(source).length ? 'extra-column' : 'column-order', detail: `columns: ${headers.join(';')}` });
      }
      const file = await describe(path, name, source, night.observed, rows);
      files.push(file);
      request.onFile?.(file);
      if (night === lastNight) regular.push({ path, name, source, observed: night.observed, rows });
    }
  }

  for (const file of await writePopulationFiles(request, model, lastNight.observed, injected)) {
    files.push(file);
    request.onFile?.(file);
  }

  for (const extra of await writeFileTroubles(request.out, regular, request.troubles, request.seed)) {
    const file = await describe(join(request.out, extra.name), extra.name, extra.source, extra.observed, extra.rows);
    files.push(file);
    injected.push(extra.trouble);
    request.onFile?.(file);
  }

  const manifest: Manifest = {
    generator: 'jugendamt-controlling export generator',
    version: GENERATOR_VERSION,
    ...(request.args ? { args: request.args } : {}),
    settings: {
      scale: request.scale,
      seed: request.seed,
      start: isoDay(request.start),
      initialLoad: isoDay(request.initialLoad),
      nights: request.nights,
      troubles: [...request.troubles].sort(),
    },
    files,
    troubles: injected,
    personalValues: personalValuesOf(model, request.seed),
  };
  writeFileSync(join(request.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Population counts come once a year, not every night (see population.ts). */
const NIGHTLY_SOURCES = EXPORT_SOURCES.filter((source) => source !== 'einwohner');

/**
 * The set's population files; with the trouble `overlapping-bands`, beside the last of them a
 * later file of the same counts in which one area's band 3–5 begins at 2 (the file is rejected).
 */
async function writePopulationFiles(request: ExportSetRequest, model: OfficeModel, lastObserved: Day, injected: InjectedTrouble[]): Promise<ManifestFile[]> {
  const written: ManifestFile[] = [];
  const write = async (file: PopulationFile, name: string, edit: (row: ExportRow) => ExportRow = (row) => row) => {
    const headers = defaultHeaders('einwohner');
    let rows = 0;
    const lines = function* () {
      yield headers;
      for (const row of populationRows(model, file)) {
        rows++;
        const edited = edit(row);
        yield headers.map((h) => edited[h] ?? '');
      }
    };
    const path = join(request.out, name);
    await writeExportCsv(path, exportFormatOf(DEFAULT_EXPORT_PROFILE.sources.einwohner), lines());
    written.push(await describe(path, name, 'einwohner', file.observed, rows));
  };
  const all = populationFiles(model, lastObserved);
  for (const file of all) await write(file, exportFileName('einwohner', file.observed, file.time));
  const last = all.at(-1);
  if (last && request.troubles.has('overlapping-bands')) {
    const name = exportFileName('einwohner', last.observed, `${last.time.slice(0, 2)}09`);
    let line = 1;
    let spoiled: number | undefined;
    await write(last, name, (row) => {
      line++;
      if (row['Alter von'] !== '3' || (spoiled !== undefined && line > spoiled + 2)) return row;
      spoiled ??= line;
      return { ...row, 'Alter von': '2' };
    });
    injected.push({ file: name, trouble: 'overlapping-bands', line: spoiled!, detail: 'the band 3–5 of one social area begins at 2: it overlaps the band 0–2' });
  }
  return written;
}

function defaultHeaders(source: ExportSource): string[] {
  return Object.values(DEFAULT_EXPORT_PROFILE.sources[source].fields).map((f) => f.header);
}

/** The last night's WebFM files carry the column troubles: an extra column, a changed order. */
function headersOf(source: ExportSource, troubles: ReadonlySet<Trouble>, seed: number, name: string): string[] {
  const headers = defaultHeaders(source);
  if (troubles.has('extra-column') && source === 'webfm_mitarbeiter') return [...headers, 'Bemerkung'];
  if (troubles.has('column-order') && source === 'webfm_faelle') {
    const r = Prng.for(seed, 'column-order', name);
    return headers
      .map((h) => [h, r.next()] as const)
      .sort((a, b) => a[1] - b[1])
      .map(([h]) => h);
  }
  return headers;
}

async function describe(path: string, name: string, source: ExportSource, observed: Day, rows: number): Promise<ManifestFile> {
  return { name, source, observed: isoDay(observed), rows, bytes: statSync(path).size, sha256: await sha256OfFile(path) };
}

function isoDay(day: Day): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
