import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { DEFAULT_EXPORT_PROFILE, normalizeAktenzeichen, parseExportFileName, validateRow, type ExportSource, type RowIssue } from '@jugendamt/domain';
import { readExport, type ReadSummary } from '@jugendamt/ingest-pipeline';
import { dayOf } from './calendar.js';
import { writeExportSet, type ExportSetRequest } from './export-set.js';
import type { Manifest } from './manifest.js';
import { ROW_TROUBLES, type Trouble } from './troubles.js';

/** One data row as the project's reader and validator see it, by physical line. */
interface ReadRow {
  readonly line: number;
  readonly values: Readonly<Record<string, string | null>>;
  readonly problems: readonly RowIssue[];
  readonly notes: readonly RowIssue[];
  /** The reader's own reason (wrong number of fields), when it stopped before validation. */
  readonly readProblem?: string;
}

interface ReadFile {
  readonly source: ExportSource;
  readonly rows: readonly ReadRow[];
  readonly summary: ReadSummary;
  /** The file's physical lines, decoded, as an editor numbers them. */
  readonly lines: readonly string[];
}

async function readBack(path: string): Promise<ReadFile> {
  const name = path.split('/').pop()!;
  const parsed = parseExportFileName(name);
  if (!parsed.ok) throw new Error(parsed.reason);
  const { source, observedAt } = parsed.value;
  const profile = DEFAULT_EXPORT_PROFILE.sources[source];
  const observedOn = observedAt.toISOString().slice(0, 10);
  const rows: ReadRow[] = [];
  const reading = readExport(path, profile, { pseudonymize: (_field, value) => value, observedOn });
  let next = await reading.next();
  while (!next.done) {
    const item = next.value;
    if (item.type === 'row-problem') {
      rows.push({ line: item.problem.line, values: {}, problems: [], notes: [], readProblem: item.problem.reason });
    } else {
      const checked = validateRow(source, item.record.values, { observedOn, profile });
      rows.push({ line: item.record.line, values: item.record.values, problems: checked.problems, notes: checked.notes });
    }
    next = await reading.next();
  }
  const bytes = readFileSync(path);
  const text = profile.encoding === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, 'windows-1252');
  return { source, rows, summary: next.value, lines: text.split('\n').map((line) => line.replace(/\r$/, '')) };
}

const folders: string[] = [];
function request(overrides: Partial<ExportSetRequest> = {}): ExportSetRequest {
  const out = mkdtempSync(join(tmpdir(), 'generated-'));
  folders.push(out);
  return { out, scale: 0.05, seed: 11, start: dayOf('2024-01-01'), initialLoad: dayOf('2026-01-01'), nights: 2, troubles: new Set(), ...overrides };
}
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

async function readSet(set: ExportSetRequest, manifest: Manifest): Promise<Map<string, ReadFile>> {
  const files = new Map<string, ReadFile>();
  for (const file of manifest.files) files.set(file.name, await readBack(join(set.out, file.name)));
  return files;
}

const ID_OF: Partial<Record<ExportSource, string>> = { webfm_faelle: 'caseId', webfm_hilfen: 'aidId', webfm_mitarbeiter: 'staffId' };

describe('generated exports read back with the project reader and validator', () => {
  it('gives a clean set without a single problem or note, and holds together across files', async () => {
    const set = request();
    const manifest = await writeExportSet(set);
    const files = await readSet(set, manifest);
    // Three nights of five sources, and the population with the initial load.
    expect(manifest.files).toHaveLength(16);

    for (const [name, file] of files) {
      const issues = file.rows.flatMap((row) =>
        [...(row.readProblem ? [row.readProblem] : []), ...[...row.problems, ...row.notes].map((issue) => issue.message)].map((message) => `${name}:${row.line}: ${message}`),
      );
      expect(issues).toEqual([]);
      expect(file.summary.fileProblems).toEqual([]);
      expect(file.summary.unknownColumns).toEqual([]);
      expect(file.rows.length).toBe(manifest.files.find((f) => f.name === name)!.rows);
      const idField = ID_OF[file.source];
      if (idField) expect(new Set(file.rows.map((row) => row.values[idField])).size).toBe(file.rows.length);
    }

    // Every reference of a night finds its case in that night's case snapshot.
    for (const night of new Set(manifest.files.map((f) => f.observed))) {
      const ofNight = (source: ExportSource) => files.get(manifest.files.find((f) => f.observed === night && f.source === source)!.name)!;
      const cases = ofNight('webfm_faelle').rows;
      const caseIds = new Set(cases.map((row) => row.values['caseId']));
      const references = new Set(cases.map((row) => normalizeAktenzeichen(row.values['fileReference']!)));
      for (const source of ['webfm_hilfen', 'webfm_teilprozesse'] as const) {
        expect(ofNight(source).rows.filter((row) => !caseIds.has(row.values['caseId']))).toEqual([]);
      }
      expect(ofNight('14plus_chronik').rows.filter((row) => !references.has(normalizeAktenzeichen(row.values['fileReference']!)))).toEqual([]);
      // Every social area of the population file is one a case of its night names.
      const areas = new Set(cases.map((row) => row.values['socialArea']));
      const population = manifest.files.find((f) => f.observed === night && f.source === 'einwohner');
      if (population) expect(files.get(population.name)!.rows.filter((row) => !areas.has(row.values['socialArea']))).toEqual([]);
      // Children and young adults: 0 to 20 when their case began.
      const ages = cases.map((row) => Number(row.values['caseBegin']!.slice(-4)) - Number(row.values['birthDate']));
      expect(ages.filter((age) => age < 0 || age > 21)).toEqual([]);
    }

    // The initial load shows two years of history; the nights after it only what changed.
    const initial = files.get('webfm_teilprozesse_20260101_0215.csv')!;
    const night = files.get('webfm_teilprozesse_20260102_0215.csv')!;
    expect(night.rows.length).toBeGreaterThan(0);
    expect(night.rows.length).toBeLessThan(initial.rows.length / 3);
    const statuses = new Set(initial.rows.map((row) => row.values['status']));
    expect(statuses).toEqual(new Set(['offen', 'abgeschlossen', 'storniert']));
  });

  it('writes the same bytes for the same arguments, other bytes for another seed', async () => {
    const first = await writeExportSet(request({ nights: 1 }));
    const again = await writeExportSet(request({ nights: 1 }));
    const other = await writeExportSet(request({ nights: 1, seed: 12 }));
    expect(again.files.map((f) => f.sha256)).toEqual(first.files.map((f) => f.sha256));
    expect(again.personalValues).toEqual(first.personalValues);
    expect(other.files.map((f) => f.sha256).filter((hash, i) => hash === first.files[i]!.sha256)).toEqual([]);
  });

  it('puts each row trouble on the line the manifest names', async () => {
    const set = request({ scale: 0.5, nights: 2, troubles: new Set<Trouble>(ROW_TROUBLES) });
    const manifest = await writeExportSet(set);
    const files = await readSet(set, manifest);
    const rowTroubles = manifest.troubles.filter((t) => (ROW_TROUBLES as readonly string[]).includes(t.trouble));
    expect(new Set(rowTroubles.map((t) => t.trouble))).toEqual(new Set(ROW_TROUBLES));

    const expectedProblem: Partial<Record<Trouble, string>> = {
      'bad-date': 'bad-value',
      'bad-number': 'bad-value',
      'future-date': 'future-date',
      'pre-1990': 'implausible-date',
      'end-before-begin': 'end-before-begin',
    };
    const misplaced: string[] = [];
    for (const trouble of rowTroubles) {
      const file = files.get(trouble.file)!;
      const at = file.rows.findIndex((row) => row.line === trouble.line);
      const row = file.rows[at];
      const found = ((): boolean => {
        if (!row) return false;
        switch (trouble.trouble) {
          case 'field-count':
            return /the row has \d+ fields, the header has \d+/.test(row.readProblem ?? '');
          case 'duplicate-id': {
            const id = ID_OF[file.source]!;
            return at > 0 && row.values[id] === file.rows[at - 1]!.values[id];
          }
          case 'unknown-code':
            return row.notes.some((note) => note.code === 'unknown-code');
          case 'unlinked-chronicle': {
            const cases = files.get(trouble.file.replace('14plus_chronik', 'webfm_faelle').replace('_0230', '_0215'))!;
            const references = new Set(cases.rows.map((c) => normalizeAktenzeichen(c.values['fileReference'] ?? '')));
            return !references.has(normalizeAktenzeichen(row.values['fileReference']!));
          }
          case 'blanks':
            // Values of the exports never end in two blanks; the trouble pads every other field so.
            return / {2}"?(;|$)/.test(file.lines[(trouble.line ?? 0) - 1] ?? '');
          default:
            return row.problems.some((problem) => problem.code === expectedProblem[trouble.trouble]);
        }
      })();
      if (!found) misplaced.push(`${trouble.file}:${trouble.line} ${trouble.trouble}`);
    }
    expect(misplaced).toEqual([]);

    // Rows without a trouble read clean: the troubles are all there is.
    const troubled = new Set(rowTroubles.map((t) => `${t.file}:${t.line}`));
    const duplicates = new Set(rowTroubles.filter((t) => t.trouble === 'duplicate-id').map((t) => t.file));
    for (const [name, file] of files) {
      for (const row of file.rows) {
        if (troubled.has(`${name}:${row.line}`)) continue;
        expect([name, row.line, row.readProblem, ...row.problems.map((p) => p.code), ...row.notes.map((n) => n.code)]).toEqual([name, row.line, undefined]);
      }
      // Bad rows stay far below the 5 % that would reject the file.
      const bad = file.rows.filter((row) => row.readProblem || row.problems.length).length + (duplicates.has(name) ? 2 : 0);
      expect(bad / Math.max(1, file.rows.length)).toBeLessThan(0.05);
    }
  });
});
