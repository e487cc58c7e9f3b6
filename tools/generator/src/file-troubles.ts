import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { DEFAULT_EXPORT_PROFILE, type ExportSource } from '@jugendamt/domain';
import type { Day } from './calendar.js';
import { exportFileName } from './export-file-names.js';
import { Prng } from './prng.js';
import type { InjectedTrouble, Trouble } from './troubles.js';

export interface RegularFile {
  readonly path: string;
  readonly name: string;
  readonly source: ExportSource;
  readonly observed: Day;
  readonly rows: number;
}

export interface TroubledFile {
  readonly name: string;
  readonly source: ExportSource;
  readonly observed: Day;
  readonly rows: number;
  readonly trouble: InjectedTrouble;
}

/**
 * File-level troubles arrive as extra files later in the last night, each beside the good
 * file it spoils, so the good data stay whole and each trouble shows on its own.
 */
export async function writeFileTroubles(out: string, lastNight: readonly RegularFile[], troubles: ReadonlySet<Trouble>, seed: number): Promise<TroubledFile[]> {
  const r = Prng.for(seed, 'file-troubles');
  const of = (source: ExportSource) => lastNight.find((f) => f.source === source)!;
  const written: TroubledFile[] = [];
  const write = (trouble: Trouble, source: ExportSource, time: string, bytes: Buffer, rows: number, detail: string, line?: number) => {
    const base = of(source);
    const name = exportFileName(source, base.observed, time);
    writeFileSync(join(out, name), bytes);
    written.push({ name, source, observed: base.observed, rows, trouble: { file: name, trouble, ...(line ? { line } : {}), detail } });
  };
  const textOf = (file: RegularFile) => {
    const bytes = readFileSync(file.path);
    return DEFAULT_EXPORT_PROFILE.sources[file.source].encoding === 'utf-8' ? bytes.subarray(3).toString('utf8') : iconv.decode(bytes, 'windows-1252');
  };

  if (troubles.has('wrong-encoding')) {
    write('wrong-encoding', 'webfm_hilfen', '0301', iconv.encode(textOf(of('webfm_hilfen')), 'windows-1252'), of('webfm_hilfen').rows, 'WebFM file written in Windows-1252 instead of UTF-8');
    write('wrong-encoding', '14plus_chronik', '0302', Buffer.from(textOf(of('14plus_chronik')), 'utf8'), of('14plus_chronik').rows, '14plus file written in UTF-8 instead of Windows-1252');
  }
  if (troubles.has('empty-file')) write('empty-file', 'webfm_teilprozesse', '0303', Buffer.alloc(0), 0, 'an empty file');
  if (troubles.has('not-csv')) {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i < 8 ? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a][i]! : r.int(0, 255))));
    write('not-csv', 'webfm_faelle', '0304', garbage, 0, 'a PNG image under an export name');
  }
  if (troubles.has('missing-column')) {
    const lines = textOf(of('webfm_mitarbeiter')).split('\r\n');
    const drop = lines[0]!.split(';').indexOf('Team');
    const cut = lines
      .map((line) =>
        line
          ? line
              .split(';')
              .filter((_, i) => i !== drop)
              .join(';')
          : line,
      )
      .join('\r\n');
    write(
      'missing-column',
      'webfm_mitarbeiter',
      '0305',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(cut, 'utf8')]),
      of('webfm_mitarbeiter').rows,
      'the required column Team is missing',
      1,
    );
  }
  if (troubles.has('unterminated-quote')) {
    const text = textOf(of('14plus_chronik'));
    const quoted = text.indexOf(';"', Math.floor(text.length / 2));
    if (quoted > 0) {
      const cut = text.slice(0, quoted + 5);
      // Lines as the reader counts them: quoted fields may hold a bare line feed.
      const rowStart = text.lastIndexOf('\r\n', quoted) + 2;
      write('unterminated-quote', '14plus_chronik', '0306', iconv.encode(cut, 'windows-1252'), 0, 'the file stops inside a quoted field', text.slice(0, rowStart).split('\n').length);
    }
  }
  if (troubles.has('truncated-snapshot')) {
    const aids = of('webfm_hilfen');
    const lines = textOf(aids).split('\r\n');
    const half = lines.slice(0, 1 + Math.floor(aids.rows / 2)).join('\r\n') + '\r\n';
    write(
      'truncated-snapshot',
      'webfm_hilfen',
      '0307',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(half, 'utf8')]),
      Math.floor(aids.rows / 2),
      'the aids snapshot cut to half its rows',
    );
  }
  if (troubles.has('duplicate-night')) {
    const cases = of('webfm_faelle');
    const name = exportFileName('webfm_faelle', cases.observed, '0308');
    copyFileSync(cases.path, join(out, name));
    written.push({ name, source: 'webfm_faelle', observed: cases.observed, rows: cases.rows, trouble: { file: name, trouble: 'duplicate-night', detail: `the same bytes as ${cases.name}` } });
  }
  return written;
}
