import { germanDate, type PopulationRecord, type PopulationRow } from '@jugendamt/domain';
import type { FileReport } from './file-report.js';
import type { Finding } from './finding.js';
import type { ValidatedRow } from './validated-rows.js';

/** A band's record as the file states it, and the lines it was summed from. */
export interface StatedBand {
  readonly record: PopulationRecord;
  readonly lines: readonly number[];
  readonly notes: readonly Finding[];
}

/**
 * The file's rows summed into one record per band (Stichtag, social area, ages). A band whose
 * rows cannot be trusted is quarantined whole and left as it was: one of its rows is bad (the
 * sum would lack it), or one `Geschlecht` (or the total) comes twice. A band given both in total
 * and by Geschlecht, and bands of one social area and Stichtag that overlap, make the whole file
 * unusable: which rows hold the truth cannot be told, and every sum would count residents twice.
 */
export function bandsOf(rows: readonly ValidatedRow[], report: FileReport): Map<string, StatedBand> {
  const rowsByBand = new Map<string, ValidatedRow[]>();
  for (const row of rows) rowsByBand.set(row.id, [...(rowsByBand.get(row.id) ?? []), row]);
  const bands = new Map<string, StatedBand>();
  for (const [id, bandRows] of rowsByBand) {
    const band = bandOf(id, bandRows, report);
    if (band) bands.set(id, band);
  }
  rejectOverlaps(bands, report);
  return bands;
}

function bandOf(id: string, rows: readonly ValidatedRow[], report: FileReport): StatedBand | undefined {
  const lines = rows.map((row) => row.line);
  const first = rows[0]!.record as PopulationRow;
  const name = bandName(first);
  if (report.quarantinedIds.has(id)) {
    for (const row of rows) {
      report.quarantine(id, [{ severity: 'error', code: 'incomplete-band', line: row.line, message: `another row of ${name} is bad, so its sum would be wrong: the band is left as it was` }]);
    }
    return undefined;
  }
  const genders = rows.map((row) => (row.record as PopulationRow).gender);
  const totals = genders.filter((gender) => gender === null).length;
  if (totals > 0 && totals < rows.length) {
    report.fileProblem(`${name} is given both in total and by Geschlecht (lines ${lines.join(', ')}): which count holds cannot be told`, lines[0]);
    return undefined;
  }
  const twice = genders.find((gender, at) => genders.indexOf(gender) !== at);
  if (twice !== undefined) {
    const what = twice === null ? 'more than once' : `more than once for Geschlecht ${twice}`;
    for (const row of rows) {
      report.quarantine(id, [
        { severity: 'error', code: 'duplicate-band', line: row.line, message: `${name} is given ${what} (lines ${lines.join(', ')}): every row of it is quarantined, the band stays as it was` },
      ]);
    }
    return undefined;
  }
  const residents = rows.reduce((sum, row) => sum + (row.record as PopulationRow).residents, 0);
  // Fields in the record's order: the state hash of equal records must be equal.
  const record: PopulationRecord = { stichtag: first.stichtag, socialArea: first.socialArea, ageFrom: first.ageFrom, ageTo: first.ageTo, residents };
  return { record, lines, notes: rows.flatMap((row) => row.notes) };
}

/** Bands of one Stichtag and social area must not share an age. */
function rejectOverlaps(bands: ReadonlyMap<string, StatedBand>, report: FileReport): void {
  const byArea = new Map<string, StatedBand[]>();
  for (const band of bands.values()) {
    const key = `${band.record.stichtag}|${band.record.socialArea}`;
    byArea.set(key, [...(byArea.get(key) ?? []), band]);
  }
  for (const areaBands of byArea.values()) {
    const sorted = [...areaBands].sort((a, b) => a.record.ageFrom - b.record.ageFrom || a.record.ageTo - b.record.ageTo);
    let widest = sorted[0]!;
    for (const band of sorted.slice(1)) {
      if (band.record.ageFrom <= widest.record.ageTo) {
        const { socialArea, stichtag } = band.record;
        report.fileProblem(
          `the bands ${ages(widest.record)} (line ${widest.lines[0]}) and ${ages(band.record)} (line ${band.lines[0]}) of "${socialArea}" on ${germanDate(stichtag)} overlap: the sum over the bands would count residents twice`,
          band.lines[0],
        );
      }
      if (band.record.ageTo > widest.record.ageTo) widest = band;
    }
  }
}

function bandName(record: PopulationRecord): string {
  return `the band ${ages(record)} of "${record.socialArea}" on ${germanDate(record.stichtag)}`;
}

function ages(record: PopulationRecord): string {
  return `${record.ageFrom}–${record.ageTo}`;
}
