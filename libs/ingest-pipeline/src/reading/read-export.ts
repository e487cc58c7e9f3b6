import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { dateOutOfRange, dateParsersOf, germanDate, type FieldSpec, type SourceProfile } from '@jugendamt/domain';
import { ExportDecoder } from './export-decoder.js';
import { fieldShapeProblem } from './field-shape.js';
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
  /** The rule the row broke (default: the row itself is malformed). */
  readonly code?: string;
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

export interface ReadOptions {
  readonly pseudonymize: Pseudonymize;
  /** The file's observation day (ISO): no date of a row may lie after it, a birth date included. */
  readonly observedOn: string;
  readonly onBytesRead?: (bytes: number) => void;
}

/** Finding code of a row that shows a stray quote read several rows as one. */
export const MERGED_ROWS = 'merged-rows';

/** A record of the exports is a few hundred bytes; a megabyte means a quote was never closed. */
const MAX_RECORD_BYTES = 1 << 20;

/**
 * Streams an export file row by row, so memory stays flat whatever the file's size.
 * Personal fields are dropped here, before anything else sees the row: a birth date
 * leaves only its year, names and free text leave nothing.
 */
export async function* readExport(path: string, profile: SourceProfile, options: ReadOptions): AsyncGenerator<ReadItem, ReadSummary> {
  const { pseudonymize, onBytesRead } = options;
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
      const lineBreaks = embeddedLineBreaks(record);
      linesConsumed += 1 + lineBreaks;
      if (!header) {
        header = mapHeader(record, profile);
        headerWidth = record.length;
        continue;
      }
      rowsRead++;
      if (record.length !== headerWidth) {
        // Which column holds what is unknown here, so the id is the only value read, and only to
        // keep its record as it was; a line break inside means rows were read as one.
        const merged = lineBreaks > 0;
        const reason = `the row has ${record.length} fields, the header has ${headerWidth}${merged ? `, and runs over ${lineBreaks + 1} lines: a stray quote may have merged rows` : ''}`;
        const code = merged ? MERGED_ROWS : 'bad-row';
        yield { type: 'row-problem', problem: { line, code, reason, ...recordIdOf(record, header, profile, pseudonymize) } };
        continue;
      }
      const read = rowValues(record, header, profile, options);
      if ('problem' in read) {
        yield { type: 'row-problem', problem: { line, ...read.problem, ...recordIdOf(record, header, profile, pseudonymize) } };
        continue;
      }
      yield { type: 'record', record: { line, values: read.values } };
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

type RowValues = { readonly values: Record<string, string | null> } | { readonly problem: Omit<RowProblem, 'line'> };

/** The row's values, or the first field whose raw text is out of shape: then nothing is built from the row. */
function rowValues(record: readonly string[], header: HeaderMap, profile: SourceProfile, options: ReadOptions): RowValues {
  const values: Record<string, string | null> = {};
  for (let at = 0; at < record.length; at++) {
    const field = header.fieldAt[at];
    if (field === undefined) continue;
    const spec = profile.fields[field]!;
    const shape = fieldShapeProblem(spec, record[at]!, profile.delimiter, record.length);
    if (shape) return { problem: { field, column: spec.header, code: shape.merged ? MERGED_ROWS : 'bad-shape', reason: shape.reason } };
    const text = record[at]!.trim();
    const value = text === '' ? null : text;
    if (spec.privacy === 'personal') {
      if (spec.keep !== 'year' || value === null) continue;
      const year = yearOf(value, spec, profile, options.observedOn);
      if (typeof year !== 'string') return { problem: { field, column: spec.header, ...year } };
      values[field] = year;
    } else {
      values[field] = value !== null && spec.privacy === 'identifier' ? options.pseudonymize(field, value) : value;
    }
  }
  return { values };
}

/** Only the year of a birth date is kept; the date must still be a plausible one. The reason never quotes it. */
function yearOf(date: string, spec: FieldSpec, profile: SourceProfile, observedOn: string): string | { code: string; reason: string } {
  const parsed = dateParsersOf(profile).date(date);
  if (!parsed.ok) return { code: 'bad-value', reason: `${spec.header} is not a valid date` };
  const rule = dateOutOfRange(spec, parsed.value, observedOn);
  if (rule === 'implausible-date') return { code: rule, reason: `${spec.header} lies before ${germanDate(spec.notBefore!)}` };
  if (rule === 'future-date') return { code: rule, reason: `${spec.header} lies after the export date ${germanDate(observedOn)}` };
  return parsed.value.slice(0, 4);
}

/** The pseudonymised id of a bad row, when its id column holds something id-shaped: its record then stays as it was. */
function recordIdOf(record: readonly string[], header: HeaderMap, profile: SourceProfile, pseudonymize: Pseudonymize): { recordId?: string } {
  const id = header.idIndex >= 0 ? record[header.idIndex] : undefined;
  const spec = profile.fields[profile.idField]!;
  if (id === undefined || id.trim() === '' || fieldShapeProblem(spec, id, profile.delimiter, record.length)) return {};
  return { recordId: pseudonymize(profile.idField, id.trim()) };
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
        // csv-parse's own message may quote the row: the code names the rule without it.
        return new FileProblem(`unreadable CSV near line ${line} (${error.code})`, line);
    }
  }
  throw error;
}
