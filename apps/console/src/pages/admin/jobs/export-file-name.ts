import { SOURCE_LABELS } from '../../../format/sources';

const NAME = /^(.+)_(\d{4})(\d{2})(\d{2})(?:_(\d{2})(\d{2}))?\.csv$/i;

/**
 * Why a file cannot be a nightly export by its name (`<quelle>_JJJJMMTT[_HHMM].csv`, see
 * docs/exports.md), in German; undefined when it can. The check saves a useless upload; the
 * server checks again and decides.
 */
export function exportNameProblem(name: string): string | undefined {
  const match = NAME.exec(name);
  if (!match) return 'Der Name folgt nicht dem Muster <Quelle>_JJJJMMTT_HHMM.csv (z. B. webfm_hilfen_20251121_0215.csv).';
  const [, source, year, month, day, hour = '00', minute = '00'] = match;
  if (!Object.hasOwn(SOURCE_LABELS, source!.toLowerCase())) return `Der Name nennt keinen bekannten Export (erlaubt: ${Object.keys(SOURCE_LABELS).join(', ')}).`;
  const date = new Date(`${year}-${month}-${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${year}-${month}-${day}` || Number(hour) > 23 || Number(minute) > 59) {
    return 'Der Name enthält kein gültiges Datum mit Uhrzeit.';
  }
  return undefined;
}
