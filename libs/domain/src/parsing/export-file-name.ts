import { EXPORT_SOURCES, type ExportSource } from '../exports/profile.js';
import { berlinTimeToUtc } from './german-date.js';
import { fail, ok, type ParseResult } from './parse-result.js';

export interface ExportFileName {
  readonly source: ExportSource;
  /** The moment the file shows the state of (date and time in its name, Europe/Berlin). */
  readonly observedAt: Date;
}

const NAME = /^(.+)_(\d{4})(\d{2})(\d{2})(?:_(\d{2})(\d{2}))?\.csv$/i;

/** `webfm_hilfen_20251121_0215.csv` (the `_HHMM` may be missing: then midnight). */
export function parseExportFileName(fileName: string): ParseResult<ExportFileName> {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const match = NAME.exec(base);
  if (!match) return fail(`file name "${base}" does not follow <source>_JJJJMMTT[_HHMM].csv`);
  const [, source, y, mo, d, hh = '00', mi = '00'] = match;
  if (!(EXPORT_SOURCES as readonly string[]).includes(source!.toLowerCase())) {
    return fail(`file name "${base}" names no known export (${EXPORT_SOURCES.join(', ')})`);
  }
  const local = `${y}-${mo}-${d}T${hh}:${mi}:00`;
  const probe = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== `${y}-${mo}-${d}` || Number(hh) > 23 || Number(mi) > 59) {
    return fail(`file name "${base}" holds no valid date and time`);
  }
  return ok({ source: source!.toLowerCase() as ExportSource, observedAt: berlinTimeToUtc(local) });
}
