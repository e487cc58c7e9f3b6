import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { stringify, type Options } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import type { SourceProfile } from '@jugendamt/domain';

/** How the source systems write a file: `;` (or the profile's delimiter), CRLF, `"` only where needed. */
export interface ExportFileFormat {
  readonly encoding: 'utf-8' | 'windows-1252';
  readonly delimiter: string;
  /** WebFM writes a byte order mark, 14plus does not. */
  readonly bom: boolean;
}

export function exportFormatOf(profile: SourceProfile, overrides: Partial<ExportFileFormat> = {}): ExportFileFormat {
  return { encoding: profile.encoding, delimiter: profile.delimiter, bom: profile.encoding === 'utf-8', ...overrides };
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function csvOptions(format: ExportFileFormat): Options {
  return { delimiter: format.delimiter, record_delimiter: 'windows', quote: '"', escape: '"' };
}

function encode(text: string, format: ExportFileFormat): Buffer {
  return format.encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'windows-1252');
}

/** A whole export file in memory: for tests and small samples. */
export function exportCsvBytes(format: ExportFileFormat, rows: readonly (readonly string[])[]): Buffer {
  const body = encode(stringifySync(rows as string[][], csvOptions(format)), format);
  return format.bom && format.encoding === 'utf-8' ? Buffer.concat([BOM, body]) : body;
}

/**
 * Streams rows into an export file, so a generated file of any size needs no more
 * memory than one row. Resolves when the file is flushed and closed.
 */
export async function writeExportCsv(path: string, format: ExportFileFormat, rows: Iterable<readonly string[]>): Promise<void> {
  const out = createWriteStream(path);
  if (format.bom && format.encoding === 'utf-8') out.write(BOM);
  const csv = stringify(csvOptions(format));
  // iconv's encoder takes text, not the stringifier's bytes.
  const written = format.encoding === 'utf-8' ? pipeline(csv, out) : pipeline(csv.setEncoding('utf8'), iconv.encodeStream('windows-1252'), out);
  for (const row of rows) {
    if (!csv.write(row)) await new Promise<void>((resolve) => csv.once('drain', resolve));
  }
  csv.end();
  await written;
}
