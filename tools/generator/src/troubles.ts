import type { ExportSource } from '@jugendamt/domain';
import { germanDate, type Day } from './calendar.js';
import type { ExportRow } from './export-rows.js';
import { Prng } from './prng.js';

/** The bad input of the export contract, and some that is merely untidy, each switchable. */
export const ROW_TROUBLES = ['field-count', 'bad-date', 'bad-number', 'future-date', 'pre-1990', 'end-before-begin', 'duplicate-id', 'unknown-code', 'blanks', 'unlinked-chronicle'] as const;
export const FILE_TROUBLES = [
  'wrong-encoding',
  'empty-file',
  'not-csv',
  'missing-column',
  'unterminated-quote',
  'truncated-snapshot',
  'duplicate-night',
  'extra-column',
  'column-order',
  'overlapping-bands',
] as const;
export const TROUBLES = [...ROW_TROUBLES, ...FILE_TROUBLES] as const;
export type RowTrouble = (typeof ROW_TROUBLES)[number];
export type Trouble = (typeof TROUBLES)[number];

/** Troubles that make a row bad (quarantined); the others leave it usable. */
const BAD_ROW_TROUBLES: ReadonlySet<RowTrouble> = new Set(['field-count', 'bad-date', 'bad-number', 'future-date', 'pre-1990', 'end-before-begin', 'duplicate-id']);
const RATE = 0.004;
/** Bad rows stay under this share of a file, well below the 5 % that rejects it. */
const MAX_BAD_SHARE = 0.02;
const MIN_ROWS_BEFORE_BAD = 50;

export interface InjectedTrouble {
  readonly file: string;
  readonly trouble: Trouble;
  /** Physical line of the row (header = 1), for row troubles. */
  readonly line?: number;
  readonly column?: string;
  readonly detail: string;
}

/** Marks a row to be written one field short or long, whatever the file's column order. */
const DROP_LAST_FIELD: string[] = [];
const ADD_FIELD: string[] = [];

interface RowEdit {
  readonly column?: string;
  readonly detail: string;
  apply(row: ExportRow, previous: ExportRow | undefined): ExportRow | string[] | undefined;
}

/** What a trouble does to a row of a source, if it applies to that source. */
function editFor(trouble: RowTrouble, source: ExportSource, observed: Day, r: Prng): RowEdit | undefined {
  const set = (column: string, value: string, detail: string): RowEdit => ({ column, detail, apply: (row) => (row[column] ? { ...row, [column]: value } : undefined) });
  switch (trouble) {
    case 'field-count':
      return r.chance(0.5) ? { detail: 'the last field is missing', apply: () => DROP_LAST_FIELD } : { detail: 'an extra field at the end', apply: () => ADD_FIELD };
    case 'bad-date':
      if (source === 'webfm_faelle') return set('Fallbeginn', `30.02.${r.int(2015, 2023)}`, 'a day that does not exist');
      if (source === 'webfm_teilprozesse') return set('Begonnen am', '2024-03-01 10:00', 'an ISO timestamp instead of TT.MM.JJJJ HH:MM');
      return undefined;
    case 'bad-number':
      if (source === 'webfm_mitarbeiter') return set('Stellenanteil', 'eins', 'a word for a number');
      if (source === '14plus_chronik') return set('Betrag', '1.2.3,45', 'an amount with misplaced thousands dots');
      return undefined;
    case 'future-date':
      if (source === 'webfm_hilfen') return set('Beginn', germanDate(observed + r.int(10, 90)), 'Beginn after the export date');
      if (source === '14plus_chronik') return set('Datum', germanDate(observed + r.int(10, 90)), 'Datum after the export date');
      return undefined;
    case 'pre-1990':
      return source === 'webfm_faelle' ? set('Fallbeginn', '15.06.1989', 'Fallbeginn before 1990') : undefined;
    case 'end-before-begin':
      if (source !== 'webfm_hilfen') return undefined;
      return {
        column: 'Ende',
        detail: 'Ende ten days before Beginn',
        apply: (row) => {
          const [d, m, y] = row['Beginn']!.split('.').map(Number);
          const before = germanDate(Math.floor(Date.UTC(y!, m! - 1, d!) / 86_400_000) - 10);
          return { ...row, Ende: before, Beendigungsgrund: 'sonstige Gründe' };
        },
      };
    case 'duplicate-id': {
      const id = { webfm_faelle: 'Fall-ID', webfm_hilfen: 'Hilfe-ID', webfm_mitarbeiter: 'Mitarbeiter-ID' }[source as string];
      if (!id) return undefined;
      return { column: id, detail: 'the id of the row before', apply: (row, previous) => (previous ? { ...row, [id]: previous[id]! } : undefined) };
    }
    case 'unknown-code':
      if (source === 'webfm_hilfen')
        return { column: 'Beendigungsgrund', detail: 'a reason of ending outside the code list', apply: (row) => (row['Ende'] ? { ...row, Beendigungsgrund: 'Umzug der Familie' } : undefined) };
      if (source === '14plus_chronik') return set('Eintragsart', 'MAHNUNG', 'an entry type outside the code list');
      return undefined;
    case 'blanks':
      return { detail: 'blanks around the values', apply: (row) => Object.fromEntries(Object.entries(row).map(([k, v], i) => [k, i % 2 ? ` ${v}  ` : v])) };
    case 'unlinked-chronicle':
      return source === '14plus_chronik' ? set('Aktenzeichen', `51.9-2024/${r.int(90000, 99999)}`, 'an Aktenzeichen of no WebFM case') : undefined;
  }
}

/**
 * Injects the switched-on row troubles into a file's rows as they stream past, and notes
 * where: a row's physical line counts the line breaks inside quoted fields before it.
 */
export class RowTroubleInjector {
  private readonly r: Prng;
  private readonly edits: { trouble: RowTrouble; edit: RowEdit; bad: boolean }[];
  private rows = 0;
  private bad = 0;
  private line = 1;
  private previous: ExportRow | undefined;
  readonly injected: InjectedTrouble[] = [];

  constructor(
    seed: number,
    private readonly file: string,
    source: ExportSource,
    observed: Day,
    troubles: ReadonlySet<Trouble>,
  ) {
    this.r = Prng.for(seed, 'troubles', file);
    this.edits = ROW_TROUBLES.filter((t) => troubles.has(t)).flatMap((trouble) => {
      const edit = editFor(trouble, source, observed, this.r);
      return edit ? [{ trouble, edit, bad: BAD_ROW_TROUBLES.has(trouble) }] : [];
    });
  }

  /** The row to write, in header order. */
  apply(row: ExportRow, headers: readonly string[]): string[] {
    this.rows++;
    const line = ++this.line;
    let out: ExportRow | string[] = row;
    const previous = this.previous;
    this.previous = row;
    const badAllowed = this.rows > MIN_ROWS_BEFORE_BAD && this.bad + 2 <= this.rows * MAX_BAD_SHARE;
    for (const { trouble, edit, bad } of this.edits) {
      if ((bad && !badAllowed) || !this.r.chance(RATE)) continue;
      const edited = edit.apply(row, previous);
      if (!edited) continue;
      out = edited;
      this.bad += bad ? (trouble === 'duplicate-id' ? 2 : 1) : 0;
      this.injected.push({ file: this.file, trouble, line, ...(edit.column ? { column: edit.column } : {}), detail: edit.detail });
      if (trouble === 'duplicate-id') this.previous = undefined; // never a third row of one id
      break;
    }
    const fields = headers.map((h) => (Array.isArray(out) ? row : out)[h] ?? '');
    if (out === DROP_LAST_FIELD) fields.pop();
    if (out === ADD_FIELD) fields.push('x');
    for (const field of fields) for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) this.line++;
    return fields;
  }
}

export function parseTroubles(text: string | undefined): Set<Trouble> {
  if (!text) return new Set();
  if (text === 'all') return new Set(TROUBLES);
  const asked = text.split(',').map((t) => t.trim());
  const unknown = asked.filter((t) => !(TROUBLES as readonly string[]).includes(t));
  if (unknown.length) throw new Error(`unknown trouble ${unknown.join(', ')}; known: ${TROUBLES.join(', ')}, or all`);
  return new Set(asked as Trouble[]);
}
