import { normalizeAktenzeichen, populationBandId, Pseudonymizer, validateRow, type ExportSource, type SourceProfile } from '@jugendamt/domain';
import { readExport } from '../reading/read-export.js';
import type { Finding } from './finding.js';
import type { ReadingReport } from './file-report.js';
import type { ImportSettings } from './import-settings.js';
import { PSEUDONYM_KINDS } from './source-handlers.js';

/** A row that passed validation: a domain record under its pseudonymised id. */
export interface ValidatedRow {
  readonly id: string;
  readonly line: number;
  readonly record: unknown;
  /** Plausibility findings; reported only if the row changes its record, so a night repeats none. */
  readonly notes: readonly Finding[];
}

const PROGRESS_EVERY_ROWS = 5_000;

/** What reading and checking a file needs of the import's settings. */
export type ReadingSettings = Pick<ImportSettings, 'profile' | 'pseudonymKey'>;

/**
 * The file's rows as domain records. Rows that cannot be read or validated are quarantined in
 * the report with line, column and reason; problems of the whole file land there too.
 */
export async function* validatedRows(
  path: string,
  settings: ReadingSettings,
  source: ExportSource,
  observedAt: Date,
  report: ReadingReport,
  onProgress?: (rowsRead: number, bytesRead: number) => void,
): AsyncGenerator<ValidatedRow, void> {
  const profile = settings.profile.sources[source];
  const pseudonymizer = new Pseudonymizer(settings.pseudonymKey);
  const pseudonymize = (field: string, value: string) => {
    const kind = PSEUDONYM_KINDS[field] ?? field;
    return pseudonymizer.pseudonym(kind, kind === 'file-reference' ? normalizeAktenzeichen(value) : value);
  };
  const observedOn = observedAt.toISOString().slice(0, 10);
  let bytesRead = 0;
  const reader = readExport(path, profile, { pseudonymize, observedOn, onBytesRead: (bytes) => (bytesRead = bytes) });
  for (let step = await reader.next(); ; step = await reader.next()) {
    if (step.done) {
      const summary = step.value;
      report.rowsRead = summary.rowsRead;
      for (const problem of summary.fileProblems) report.fileProblem(problem.reason, problem.line);
      if (summary.unknownColumns.length) {
        report.addFileFinding({ severity: 'info', code: 'unknown-column', message: `columns not in the profile, ignored: ${summary.unknownColumns.join(', ')}` });
      }
      onProgress?.(summary.rowsRead, bytesRead);
      return;
    }
    const item = step.value;
    if (++report.rowsRead % PROGRESS_EVERY_ROWS === 0) onProgress?.(report.rowsRead, bytesRead);
    if (item.type === 'row-problem') {
      const { line, code = 'bad-row', field, column, reason, recordId } = item.problem;
      report.quarantine(recordId, [{ severity: 'error', code, line, field, column, message: reason }]);
      continue;
    }
    const { line, values } = item.record;
    const context = { observedOn, profile, codeLists: settings.profile.codeLists };
    const checked = validateRow(source, values, context);
    // A population row has no id column: its record is its band, read from four columns.
    const id = profile.kind === 'population' ? populationBandId(values, context) : (values[profile.idField] ?? undefined);
    const notes = checked.notes.map((note): Finding => ({ severity: 'warning', line, ...note }));
    if (!checked.record || !id) {
      report.quarantine(id, [...checked.problems.map((problem): Finding => ({ severity: 'error', line, ...problem })), ...notes]);
    } else {
      yield { id, line, record: checked.record, notes };
    }
  }
}

export function duplicateIdFinding(profile: SourceProfile, line: number, firstLine: number | undefined, consequence: string): Finding {
  const column = profile.fields[profile.idField]?.header;
  return {
    severity: 'error',
    code: 'duplicate-id',
    line,
    field: profile.idField,
    column,
    message: `duplicate ${column} (also ${firstLine ? `on line ${firstLine}` : 'earlier in this file'}): ${consequence}`,
  };
}
