import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { DEFAULT_EXPORT_PROFILE, parseExportFileName } from '@jugendamt/domain';

/**
 * A second floor: the same files decoded and split into fields by csv-parse, the stack's CSV
 * parser, and nothing else (no validation, no pseudonyms, no database). No pipeline built on
 * csv-parse can be faster than this; it shows how much of the distance to `COPY` is parsing.
 */
export async function parseFilesOnly(files: readonly string[]): Promise<number> {
  let records = 0;
  for (const file of files) {
    const name = parseExportFileName(file);
    if (!name.ok) throw new Error(name.reason);
    const profile = DEFAULT_EXPORT_PROFILE.sources[name.value.source];
    const parser = parse({ delimiter: profile.delimiter, record_delimiter: ['\r\n', '\n'], relax_column_count: true, bom: true });
    parser.on('data', () => records++);
    await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), iconv.decodeStream(profile.encoding), parser);
  }
  return records;
}
