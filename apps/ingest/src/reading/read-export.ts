import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { dateParsersOf, type SourceProfile } from '@jugendamt/domain';
import { ExportDecoder } from './export-decoder.js';
import { FileProblem } from './file-problem.js';
import { mapHeader, type HeaderMap } from './header-map.js';

/** One data row as the validator sees it: trimmed, personal fields gone, identifiers pseudonymised. */
export interface ExportRow {
  /** Physical line of the file where the row starts (the header is line 1). */
  readonly line: number;
  readonly values: Readonly<Record<string, string | null>>;
}

export interface RowProblem {
  readonly line: number;
  readonly reason: string;
  readonly field?: string;
  readonly column?: string;
  /** The pseudonymised id of the row's record where it could still be read. */
  readonly recordId?: string;
}

export type ReadItem = { readonly type: 'record'; readonly record: ExportRow } | { readonly type: 'row-problem'; readonly problem: RowProblem };

export interface ReadSummary {
  /** Data rows (header excluded), good and bad. */
  readonly rowsRead: number;
  readonly unknownColumns: readonly string[];
  /** Problems that make the whole file unusable. */
  readonly fileProblems: readonly { readonly reason: string; readonly line?: number }[];
}

export type Pseudonymize = (field: string, value: string) => string;

/** A record of the exports is a few hundred bytes; a megabyte means a quote was never closed. */
const MAX_RECORD_BYTES = 1 << 20;

/**
 * Streams an export file row by row, so memory stays flat whatever the file's size.
 * Personal fields are dropped here, before anything else sees the row: a birth date
 * leaves only its year, names and free text leave nothing.
 */
export async function* readExport(
  path: string,
  profile: SourceProfile,
  pseudonymize: Pseudonymize,
  onBytesRead?: (bytes: number) => void,
): AsyncGenerator<ReadItem, ReadSummary> {
  const decoder = new ExportDecoder(profile.encoding);
  const parser = parse({
    delimiter: profile.delimiter,
    record_delimiter: ['\r\n', '\n'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  if (onBytesRead) file.on('data', () => onBytesRead(file.bytesRead));
  const flowing = pipeline(file, decoder, parser);
  flowing.catch(() => undefined); // surfaced through the parser's iterator below

  let header: HeaderMap | undefined;
  let headerWidth = 0;
  let rowsRead = 0;
  // Physical lines of all records so far, for line numbers that match an editor's.
  let linesConsumed = 0;
  let emptyLines = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { empty_lines: number } }>) {
      emptyLines = info.empty_lines;
      const line = linesConsumed + emptyLines + 1;
      linesConsumed += 1 + embeddedLineBreaks(record);
      if (!header) {
        header = mapHeader(record, profile);
        headerWidth = record.length;
        continue;
      }
      rowsRead++;
      if (record.length !== headerWidth) {
        const id = header.idIndex >= 0 ? record[header.idIndex]?.trim() : undefined;
        yield {
          type: 'row-problem',
          problem: { line, reason: `the row has ${record.length} fields, the header has ${headerWidth}`, ...(id ? { recordId: pseudonymize(profile.idField, id) } : {}) },
        };
        continue;
      }
      yield { type: 'record', record: { line, values: rowValues(record, header, profile, pseudonymize) } };
    }
  } catch (error) {
    const problem = asFileProblem(error, linesConsumed + emptyLines + 1);
    return { rowsRead, unknownColumns: header?.unknownColumns ?? [], fileProblems: [{ reason: problem.reason, line: problem.line }] };
  }
  await flowing;
  if (!header) {
    return { rowsRead, unknownColumns: [], fileProblems: [{ reason: decoder.bytesOfText === 0 ? 'the file is empty' : 'the file holds no header line, only blank lines' }] };
  }
  return { rowsRead, unknownColumns: header.unknownColumns, fileProblems: [] };
}

function rowValues(record: readonly string[], header: HeaderMap, profile: SourceProfile, pseudonymize: Pseudonymize): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (let at = 0; at < record.length; at++) {
    const field = header.fieldAt[at];
    if (field === undefined) continue;
    const spec = profile.fields[field]!;
    const text = record[at]!.trim();
    const value = text === '' ? null : text;
    if (spec.privacy === 'personal') {
      if (spec.keep === 'year') values[field] = value && yearOf(value, profile);
    } else {
      values[field] = value !== null && spec.privacy === 'identifier' ? pseudonymize(field, value) : value;
    }
  }
  return values;
}

function yearOf(date: string, profile: SourceProfile): string | null {
  const parsed = dateParsersOf(profile).date(date);
  return parsed.ok ? parsed.value.slice(0, 4) : null;
}

function embeddedLineBreaks(record: readonly string[]): number {
  let count = 0;
  for (const field of record) {
    for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) count++;
  }
  return count;
}

/** The record that was being read when the parser gave up starts on `line`. */
function asFileProblem(error: unknown, line: number): FileProblem {
  if (error instanceof FileProblem) return error;
  if (error instanceof CsvError) {
    switch (error.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return new FileProblem(`the file ends inside a quoted field: the quote of the row starting on line ${line} is never closed (truncated file?)`, line);
      case 'CSV_MAX_RECORD_SIZE':
        return new FileProblem(`the row starting on line ${line} runs on for more than ${MAX_RECORD_BYTES / 1024} KiB: a quote that is never closed?`, line);
      default:
        return new FileProblem(`unreadable CSV near line ${line}: ${error.message}`, line);
    }
  }
  throw error;
}
