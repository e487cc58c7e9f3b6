import type { SourceProfile } from '@jugendamt/domain';
import { FileProblem } from './file-problem.js';

/** Which logical field each column of the file holds (undefined: a column the profile does not know). */
export interface HeaderMap {
  readonly fieldAt: readonly (string | undefined)[];
  readonly unknownColumns: readonly string[];
  /** Column index of the record's id, to protect a bad row's record from deletion. */
  readonly idIndex: number;
}

/** Longer than any column name; beyond it a header cell holds data, and its text is not shown. */
const MAX_COLUMN_NAME = 60;

/**
 * Matches the header by name, so column order may change between export versions. Messages
 * never quote a cell of more than one line or of more than 60 characters: a header line that holds data
 * (CR-only line ends read as one line, a missing header) must not put it in the report.
 */
export function mapHeader(header: readonly string[], profile: SourceProfile): HeaderMap {
  if (header.some((name) => name.includes('\n') || name.includes('\r'))) {
    throw new FileProblem('the header runs over several lines: line ends other than CRLF or LF (CR only?), or a stray quote', 1);
  }
  const fieldByHeader = new Map(Object.entries(profile.fields).map(([field, spec]) => [spec.header.toLowerCase(), field]));
  const names = header.map((name) => name.trim());
  const fieldAt = names.map((name) => fieldByHeader.get(name.toLowerCase()));
  if (!fieldAt.some((field) => field !== undefined)) {
    throw new FileProblem(`not a ${profile.source} export: the first line holds none of its columns (is the file CSV with "${profile.delimiter}"?)`, 1);
  }
  // Only a column the profile reads is ambiguous twice; unknown ones are ignored either way.
  const twice = names.filter((name, at) => fieldAt[at] !== undefined && names.findIndex((other) => other.toLowerCase() === name.toLowerCase()) !== at);
  if (twice.length) throw new FileProblem(`the header names ${[...new Set(twice)].map(quote).join(', ')} more than once`, 1);
  const missing = Object.entries(profile.fields)
    .filter(([field, spec]) => spec.required && !fieldAt.includes(field))
    .map(([, spec]) => quote(spec.header));
  if (missing.length) throw new FileProblem(`required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing in the header`, 1);
  return {
    fieldAt,
    unknownColumns: names.filter((name, at) => fieldAt[at] === undefined && name !== '').map((name) => (name.length > MAX_COLUMN_NAME ? `(a column name of ${name.length} characters)` : name)),
    idIndex: fieldAt.indexOf(profile.idField),
  };
}

function quote(text: string): string {
  return `"${text}"`;
}
