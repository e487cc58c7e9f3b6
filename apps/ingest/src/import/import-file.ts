import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import {
  deletionShare,
  diffSnapshot,
  dedupeOverlap,
  normalizeAktenzeichen,
  parseExportFileName,
  validateRow,
  type ExportProfile,
  type ExportSource,
  type Pseudonymizer,
  type RecordChange,
} from '@jugendamt/domain';
import { EventStore, type StreamAppend } from '@jugendamt/event-store';
import { readExport, type ReadSummary } from '../reading/read-export.js';
import { sha256OfFile } from '../reading/hash-file.js';
import type { Finding, ImportStatus, ImportSummary } from './finding.js';
import { findImportOfContent, latestAppliedObservation, lockSource, recordImport } from './import-repository.js';
import { contentHash, loadLiveRecords, loadRecords, saveRecords, type KnownRecord, type RecordStateWrite } from './record-state-repository.js';
import { PSEUDONYM_KINDS, SOURCE_HANDLERS } from './source-handlers.js';

export interface ImportSettings {
  readonly tenantId: string;
  readonly profile: ExportProfile;
  readonly pseudonymizer: Pseudonymizer;
  /** A snapshot deleting more than this share of live records is held (default 10 %). */
  readonly deletionThreshold: number;
  /** A file with more than this share of quarantined rows is rejected whole (default 5 %). */
  readonly quarantineThreshold: number;
  /** Applies a held snapshot anyway: the administrator confirmed the deletions. */
  readonly confirmDeletions?: boolean;
}

export const DEFAULT_THRESHOLDS = { deletionThreshold: 0.1, quarantineThreshold: 0.05 } as const;

interface ParsedFile {
  readonly records: Map<string, unknown>;
  readonly quarantinedIds: Set<string>;
  readonly findings: Finding[];
  readonly rowsQuarantined: number;
  readonly summary: ReadSummary;
}

/**
 * Imports one export file: all of it in one transaction, or nothing.
 *
 * The order of checks follows what loses least: a file whose bytes were applied before is
 * skipped, one older than what is applied for its source is stale, a broken file or one
 * with too many bad rows is rejected, a snapshot that would delete too much is held.
 * Only then are events appended, together with the record state and the import's report.
 */
export async function importFile(db: Kysely<Database>, settings: ImportSettings, path: string): Promise<ImportSummary> {
  const startedAt = new Date();
  const file = basename(path);
  const importId = randomUUID();
  const sha256 = await sha256OfFile(path);
  const base = { importId, file, rowsRead: 0, eventsAppended: 0, rowsQuarantined: 0, rowsUnchanged: 0, deletionShare: null };
  const finish = async (summary: ImportSummary, trx: Kysely<Database> = db) => {
    await recordImport(trx, settings.tenantId, summary, sha256, startedAt);
    return summary;
  };

  const name = parseExportFileName(file);
  if (!name.ok) {
    return finish({ ...base, source: null, observedAt: null, status: 'rejected', message: name.reason, findings: [fileError('unknown-file', name.reason)] });
  }
  const { source, observedAt } = name.value;
  const known = { ...base, source, observedAt };

  const early = await refusal(db, settings.tenantId, source, observedAt, sha256);
  if (early) return finish({ ...known, ...early });

  const parsed = await parseFile(path, settings, source, observedAt);
  const rowsRead = parsed.summary.rowsRead;
  const counted = { ...known, rowsRead, rowsQuarantined: parsed.rowsQuarantined };
  if (parsed.summary.fileProblems.length) {
    const message = `file rejected: ${parsed.summary.fileProblems.map((p) => p.reason).join('; ')}`;
    return finish({ ...counted, status: 'rejected', message, findings: parsed.findings });
  }
  if (rowsRead > 0 && parsed.rowsQuarantined / rowsRead > settings.quarantineThreshold) {
    const share = percent(parsed.rowsQuarantined / rowsRead);
    const message = `file rejected: ${parsed.rowsQuarantined} of ${rowsRead} rows (${share}) are bad, more than the allowed ${percent(settings.quarantineThreshold)}`;
    return finish({ ...counted, status: 'rejected', message, findings: [fileError('too-many-bad-rows', message), ...parsed.findings] });
  }

  return db.transaction().execute(async (trx) => {
    await lockSource(trx, settings.tenantId, source);
    // Another worker may have applied this file or a newer one while we were parsing.
    const late = await refusal(trx, settings.tenantId, source, observedAt, sha256);
    if (late) return finish({ ...counted, ...late }, trx);

    const outcome = await detectChanges(trx, settings, source, parsed);
    if (outcome.held) {
      const message =
        `held for confirmation: the snapshot would delete ${outcome.vanished} of ${outcome.liveBefore} records ` +
        `(${percent(outcome.deletionShare ?? 0)}), more than the allowed ${percent(settings.deletionThreshold)}; nothing applied`;
      return finish({ ...counted, status: 'held', deletionShare: outcome.deletionShare, message, findings: [fileError('mass-deletion', message, 'warning'), ...parsed.findings] }, trx);
    }

    const { appends, writes } = toAppends(settings.tenantId, source, observedAt, importId, outcome.changes, outcome.known);
    const result = await new EventStore(trx).append(settings.tenantId, appends, trx);
    await saveRecords(trx, settings.tenantId, source, observedAt, writes);
    const message = `applied: ${result.appended} events from ${rowsRead} rows`;
    return finish(
      {
        ...counted,
        status: 'applied' satisfies ImportStatus,
        eventsAppended: result.appended,
        rowsUnchanged: rowsRead - parsed.rowsQuarantined - outcome.changes.filter((c) => c.state !== null).length,
        deletionShare: outcome.deletionShare,
        message,
        findings: parsed.findings,
      },
      trx,
    );
  });
}

async function refusal(
  db: Kysely<Database>,
  tenantId: string,
  source: ExportSource,
  observedAt: Date,
  sha256: string,
): Promise<{ status: ImportStatus; message: string; findings: Finding[] } | undefined> {
  const same = await findImportOfContent(db, tenantId, sha256);
  if (same) {
    const message = `same content as ${same.fileName} (import ${same.importId}, ${same.status}): nothing to do`;
    return { status: 'duplicate', message, findings: [fileError('duplicate-file', message, 'info')] };
  }
  const latest = await latestAppliedObservation(db, tenantId, source);
  if (latest && observedAt.getTime() <= latest.getTime()) {
    const message = `stale: observed ${observedAt.toISOString()}, but ${source} is applied up to ${latest.toISOString()}; not applied`;
    return { status: 'stale', message, findings: [fileError('stale-file', message, 'warning')] };
  }
  return undefined;
}

async function parseFile(path: string, settings: ImportSettings, source: ExportSource, observedAt: Date): Promise<ParsedFile> {
  const profile = settings.profile.sources[source];
  const pseudonymize = (field: string, value: string) => {
    const kind = PSEUDONYM_KINDS[field] ?? field;
    return settings.pseudonymizer.pseudonym(kind, kind === 'file-reference' ? normalizeAktenzeichen(value) : value);
  };
  const records = new Map<string, unknown>();
  const linesById = new Map<string, number>();
  const quarantinedIds = new Set<string>();
  const findings: Finding[] = [];
  let rowsQuarantined = 0;
  const observedOn = observedAt.toISOString().slice(0, 10);

  const reader = readExport(path, profile, pseudonymize);
  let step = await reader.next();
  while (!step.done) {
    const item = step.value;
    if (item.type === 'row-problem') {
      rowsQuarantined++;
      if (item.problem.recordId) quarantinedIds.add(item.problem.recordId);
      findings.push({ severity: 'error', code: 'bad-row', line: item.problem.line, field: item.problem.field, column: item.problem.column, message: item.problem.reason });
    } else {
      const { line, values } = item.record;
      const checked = validateRow(source, values, { observedOn, profile });
      for (const note of checked.notes) findings.push({ severity: 'warning', line, ...note });
      const id = values[profile.idField];
      if (!checked.record || !id) {
        rowsQuarantined++;
        if (id) quarantinedIds.add(id);
        for (const problem of checked.problems) findings.push({ severity: 'error', line, ...problem });
      } else if (records.has(id) || quarantinedIds.has(id)) {
        // The same id twice in one file: neither row can be trusted, the record stays as it was.
        const firstLine = linesById.get(id);
        rowsQuarantined += records.delete(id) ? 2 : 1;
        quarantinedIds.add(id);
        findings.push({
          severity: 'error',
          code: 'duplicate-id',
          line,
          field: profile.idField,
          column: profile.fields[profile.idField]?.header,
          message: `duplicate ${profile.fields[profile.idField]?.header}${firstLine ? ` (also on line ${firstLine})` : ''}: both rows quarantined`,
        });
      } else {
        records.set(id, checked.record);
        linesById.set(id, line);
      }
    }
    step = await reader.next();
  }
  const summary = step.value;
  for (const problem of summary.fileProblems) findings.unshift({ ...fileError('bad-file', problem.reason), line: problem.line });
  if (summary.unknownColumns.length) {
    findings.push({ severity: 'info', code: 'unknown-column', message: `columns not in the profile, ignored: ${summary.unknownColumns.join(', ')}` });
  }
  return { records, quarantinedIds, findings, rowsQuarantined, summary };
}

interface DetectedChanges {
  readonly changes: RecordChange<unknown>[];
  readonly known: Map<string, KnownRecord<unknown>>;
  readonly held: boolean;
  readonly vanished: number;
  readonly liveBefore: number;
  readonly deletionShare: number | null;
}

async function detectChanges(trx: Kysely<Database>, settings: ImportSettings, source: ExportSource, parsed: ParsedFile): Promise<DetectedChanges> {
  const { classify } = SOURCE_HANDLERS[source];
  if (settings.profile.sources[source].kind === 'snapshot') {
    const known = await loadLiveRecords<unknown>(trx, settings.tenantId, source);
    const live = new Map([...known].filter(([, k]) => !k.deleted).map(([id, k]) => [id, k.state]));
    const diff = diffSnapshot(live, parsed.records, parsed.quarantinedIds, classify);
    const share = deletionShare(diff);
    const held = share > settings.deletionThreshold && !settings.confirmDeletions;
    return { changes: diff.changes, known, held, vanished: diff.vanished, liveBefore: diff.liveBefore, deletionShare: share };
  }
  const known = await loadRecords<unknown>(trx, settings.tenantId, source, [...parsed.records.keys()]);
  const states = new Map([...known].map(([id, k]) => [id, k.state]));
  const changes = dedupeOverlap(states, parsed.records, classify);
  return { changes, known, held: false, vanished: 0, liveBefore: known.size, deletionShare: null };
}

function toAppends(
  tenantId: string,
  source: ExportSource,
  observedAt: Date,
  importId: string,
  changes: readonly RecordChange<unknown>[],
  known: ReadonlyMap<string, KnownRecord<unknown>>,
): { appends: StreamAppend[]; writes: RecordStateWrite[] } {
  const { streamPrefix } = SOURCE_HANDLERS[source];
  const appends: StreamAppend[] = [];
  const writes: RecordStateWrite[] = [];
  for (const change of changes) {
    const before = known.get(change.recordId);
    const expectedVersion = before?.version ?? 0;
    const hash = change.state === null ? 'deleted' : contentHash(change.state);
    const payload = change.state === null ? { id: change.recordId } : { state: change.state, changed: change.changed };
    appends.push({
      streamId: `${streamPrefix}-${change.recordId}`,
      expectedVersion,
      events: [
        {
          type: change.type,
          payload,
          occurredOn: change.occurredOn,
          observedAt,
          importId,
          // Source, record, position in its stream and content: a re-run of the same change is a no-op.
          idempotencyKey: `${tenantId}:${source}:${change.recordId}:${expectedVersion + 1}:${hash}`,
        },
      ],
    });
    writes.push({ recordId: change.recordId, version: expectedVersion + 1, hash, state: change.state ?? before?.state ?? null, deleted: change.state === null });
  }
  return { appends, writes };
}

function fileError(code: string, message: string, severity: Finding['severity'] = 'error'): Finding {
  return { severity, code, message };
}

function percent(share: number): string {
  return `${(share * 100).toLocaleString('de-DE', { maximumFractionDigits: 1 })} %`;
}
