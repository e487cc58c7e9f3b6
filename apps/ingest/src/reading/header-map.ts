import type { SourceProfile } from '@jugendamt/domain';
import { FileProblem } from './file-problem.js';

/** Which logical field each column of the file holds (undefined: a column the profile does not know). */
export interface HeaderMap {
  readonly fieldAt: readonly (string | undefined)[];
  readonly unknownColumns: readonly string[];
  /** Column index of the record's id, to protect a bad row's record from deletion. */
  readonly idIndex: number;
}

/** Matches the header by name, so column order may change between export versions. */
export function mapHeader(header: readonly string[], profile: SourceProfile): HeaderMap {
  const fieldByHeader = new Map(Object.entries(profile.fields).map(([field, spec]) => [spec.header.toLowerCase(), field]));
  const names = header.map((name) => name.trim());
  const fieldAt = names.map((name) => fieldByHeader.get(name.toLowerCase()));
  if (!fieldAt.some((field) => field !== undefined)) {
    throw new FileProblem(`not a ${profile.source} export: the first line holds none of its columns (is the file CSV with "${profile.delimiter}"?)`, 1);
  }
  const twice = names.filter((name, at) => name && names.findIndex((other) => other.toLowerCase() === name.toLowerCase()) !== at);
  if (twice.length) throw new FileProblem(`the header names ${[...new Set(twice)].map(quote).join(', ')} more than once`, 1);
  const missing = Object.entries(profile.fields)
    .filter(([field, spec]) => spec.required && !fieldAt.includes(field))
    .map(([, spec]) => quote(spec.header));
  if (missing.length) throw new FileProblem(`required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing in the header`, 1);
  return {
    fieldAt,
    unknownColumns: names.filter((name, at) => fieldAt[at] === undefined && name !== ''),
    idIndex: fieldAt.indexOf(profile.idField),
  };
}

function quote(text: string): string {
  return `"${text}"`;
}
