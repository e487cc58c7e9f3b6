import type { FieldSpec, SourceProfile } from '../exports/profile.js';
import { matchCodeList, type CodeList } from '../parsing/code-lists.js';
import { dateParser, type DateParser } from '../parsing/date-patterns.js';
import { parseEuroCents, parseGermanDecimal, parseInteger } from '../parsing/german-number.js';
import type { ParseResult } from '../parsing/parse-result.js';
import { dateOutOfRange, germanDate } from './date-range.js';
import type { RowIssue } from './row-issue.js';

/**
 * Reads the typed fields of one row, collecting every problem instead of stopping at the
 * first, so the report names them all. Messages quote only plain values: identifiers
 * arrive pseudonymised and personal fields never arrive.
 */
/** What a spreadsheet takes for the start of a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Digits and the separators of dates, times and amounts: nothing of a person. */
const NUMERIC_SHAPE = /^[\d\s.,:\/+\-€]{1,40}$/;

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
  /** Issues of values outside their code list → the same issue quoting the value. */
  private readonly quotable = new Map<RowIssue, RowIssue>();

  constructor(
    private readonly values: Readonly<Record<string, string | null>>,
    private readonly profile: SourceProfile,
    /** The file's observation date (ISO): later business dates are implausible. */
    private readonly observedOn: string,
  ) {}

  text(field: string): string | null {
    const value = this.values[field] ?? null;
    const spec = this.spec(field);
    if (value === null && spec.required) this.problem(field, 'missing-value', `${this.header(field)} is empty but required`);
    if (value !== null && spec.privacy === 'plain' && (spec.type === 'text' || spec.type === 'code') && FORMULA_START.test(value)) {
      this.note(field, 'formula-like-value', `${this.header(field)} begins with "${value[0]}", as a spreadsheet formula would: kept, and written as text in every CSV and Excel export`);
    }
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
    const consequence = strict ? ` (${list.values.join(', ')})` : ': kept as it is, counted as unbekannt';
    const issue = (shown: string): RowIssue => ({ code: 'unknown-code', field, column: this.header(field), message: `${this.header(field)}${shown} is not in the code list${consequence}` });
    const unquoted = issue('');
    this.quotable.set(unquoted, issue(` "${match.raw}"`));
    (strict ? this.problems : this.notes).push(unquoted);
    return match.raw;
  }

  /**
   * The row's issues once every field is read. A value outside its code list is quoted only
   * when it is the row's one flaw: in a row whose columns are out of place, it may be a name
   * or a birth date from the column beside it.
   */
  issues(): { readonly problems: readonly RowIssue[]; readonly notes: readonly RowIssue[] } {
    const otherProblems = this.problems.filter((problem) => !this.quotable.has(problem)).length;
    if (otherProblems > 0 || this.quotable.size !== 1) return { problems: this.problems, notes: this.notes };
    const quoted = (issue: RowIssue) => this.quotable.get(issue) ?? issue;
    return { problems: this.problems.map(quoted), notes: this.notes.map(quoted) };
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
    // A garbled date or number is worth seeing; letters there may be a name from the next column.
    this.problem(field, 'bad-value', `${this.header(field)}: ${NUMERIC_SHAPE.test(raw) ? result.reason : result.rule}`);
    return null;
  }

  private checkedDate(field: string, iso: string | null): string | null {
    if (iso === null) return null;
    const spec = this.spec(field);
    const rule = dateOutOfRange(spec, iso, this.observedOn);
    if (rule === 'implausible-date') {
      this.problem(field, rule, `${this.header(field)} ${germanDate(iso)} lies before ${germanDate(spec.notBefore!)}`);
    } else if (rule === 'future-date') {
      this.problem(field, rule, `${this.header(field)} ${germanDate(iso)} lies after the export date ${germanDate(this.observedOn)}`);
    }
    return iso;
  }

  private spec(field: string): FieldSpec {
    const spec = this.profile.fields[field];
    if (!spec) throw new Error(`profile of ${this.profile.source} has no field ${field}`);
    return spec;
  }
}
