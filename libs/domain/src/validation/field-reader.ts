import type { FieldSpec, SourceProfile } from '../exports/profile.js';
import { matchCodeList, type CodeList } from '../parsing/code-lists.js';
import { dateParser, type DateParser } from '../parsing/date-patterns.js';
import { parseEuroCents, parseGermanDecimal, parseInteger } from '../parsing/german-number.js';
import type { ParseResult } from '../parsing/parse-result.js';
import type { RowIssue } from './row-issue.js';

/**
 * Reads the typed fields of one row, collecting every problem instead of stopping at the
 * first, so the report names them all. Messages quote only plain values: identifiers
 * arrive pseudonymised and personal fields never arrive.
 */
/** Compiled once per profile, not per row. */
const parsersOf = new WeakMap<SourceProfile, { date: DateParser; timestamp: DateParser }>();

export function dateParsersOf(profile: SourceProfile): { date: DateParser; timestamp: DateParser } {
  let parsers = parsersOf.get(profile);
  if (!parsers) {
    parsers = { date: dateParser(profile.dateFormats, 'date'), timestamp: dateParser(profile.timestampFormats, 'timestamp') };
    parsersOf.set(profile, parsers);
  }
  return parsers;
}

export class FieldReader {
  readonly problems: RowIssue[] = [];
  readonly notes: RowIssue[] = [];

  constructor(
    private readonly values: Readonly<Record<string, string | null>>,
    private readonly profile: SourceProfile,
    /** The file's observation date (ISO): later business dates are implausible. */
    private readonly observedOn: string,
  ) {}

  text(field: string): string | null {
    const value = this.values[field] ?? null;
    if (value === null && this.spec(field).required) this.problem(field, 'missing-value', `${this.header(field)} is empty but required`);
    return value;
  }

  required(field: string): string {
    return this.text(field) ?? '';
  }

  date(field: string): string | null {
    return this.checkedDate(field, this.parsed(field, dateParsersOf(this.profile).date));
  }

  timestamp(field: string): string | null {
    const value = this.parsed(field, dateParsersOf(this.profile).timestamp);
    this.checkedDate(field, value?.slice(0, 10) ?? null);
    return value;
  }

  decimal(field: string): number | null {
    return this.parsed(field, parseGermanDecimal);
  }

  cents(field: string): number | null {
    return this.parsed(field, parseEuroCents);
  }

  integer(field: string): number | null {
    return this.parsed(field, parseInteger);
  }

  /** Unknown values are kept and noted; with `strict` (the value steers the import) they quarantine the row. */
  code(field: string, list: CodeList, strict = false): string | null {
    const raw = this.text(field);
    if (raw === null) return null;
    const match = matchCodeList(list, raw);
    if (match.known) return match.value;
    const message = `${this.header(field)} "${match.raw}" is not in the code list`;
    if (strict) this.problem(field, 'unknown-code', `${message} (${list.values.join(', ')})`);
    else this.notes.push({ code: 'unknown-code', field, column: this.header(field), message: `${message}: kept as it is, counted as unbekannt` });
    return match.raw;
  }

  /** A rule across fields (e.g. Ende before Beginn). */
  problem(field: string, code: string, message: string): void {
    this.problems.push({ code, field, column: this.header(field), message });
  }

  note(field: string, code: string, message: string): void {
    this.notes.push({ code, field, column: this.header(field), message });
  }

  header(field: string): string {
    return this.spec(field).header;
  }

  private parsed<T>(field: string, parse: (text: string) => ParseResult<T>): T | null {
    const raw = this.text(field);
    if (raw === null) return null;
    const result = parse(raw);
    if (result.ok) return result.value;
    this.problem(field, 'bad-value', `${this.header(field)}: ${result.reason}`);
    return null;
  }

  private checkedDate(field: string, iso: string | null): string | null {
    if (iso === null) return null;
    const spec = this.spec(field);
    if (spec.notBefore && iso < spec.notBefore) {
      this.problem(field, 'implausible-date', `${this.header(field)} ${germanDate(iso)} lies before ${germanDate(spec.notBefore)}`);
    } else if (spec.notAfterObservation && iso > this.observedOn) {
      this.problem(field, 'future-date', `${this.header(field)} ${germanDate(iso)} lies after the export date ${germanDate(this.observedOn)}`);
    }
    return iso;
  }

  private spec(field: string): FieldSpec {
    const spec = this.profile.fields[field];
    if (!spec) throw new Error(`profile of ${this.profile.source} has no field ${field}`);
    return spec;
  }
}

function germanDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
