import { sql } from 'kysely';
import { classifyPopulationChange, deletionShare, diffSnapshot, germanDate, type PopulationRecord } from '@jugendamt/domain';
import { applyChanges, type ApplyContext } from './apply-changes.js';
import type { FileOutcome } from './file-outcome.js';
import type { FileReport } from './file-report.js';
import type { ImportSettings } from './import-settings.js';
import type { KnownRecord } from './known-record.js';
import { socialAreasOfNoCase } from './known-social-areas.js';
import { bandsOf, type StatedBand } from './population-bands.js';
import { loadLiveRecords, saveRecordStates } from './record-state-repository.js';
import { keepMissingRecords } from './snapshot-import.js';
import type { ValidatedRow } from './validated-rows.js';

/**
 * A population file states whole every Stichtag it holds: per Stichtag its bands are diffed
 * against the live bands of that Stichtag (a band it lacks is withdrawn), and the Stichtage it
 * does not hold stay as they are. The latest observed file wins per Stichtag, so a file older
 * than one applied (last years' files delivered late) applies the Stichtage no newer file stated
 * and leaves the others. Files hold a few hundred rows: they are read whole.
 */
export async function importPopulation(ctx: ApplyContext, settings: ImportSettings, rows: AsyncIterable<ValidatedRow>, report: FileReport): Promise<FileOutcome | undefined> {
  const read: ValidatedRow[] = [];
  for await (const row of rows) read.push(row);
  if (report.fileProblems.length) return undefined;
  const bands = bandsOf(read, report);
  if (report.fileProblems.length) return undefined;
  await reportSocialAreasOfNoCase(ctx, bands, report, settings.profile.sources[ctx.source].fields.socialArea?.header);

  const known = await loadLiveRecords<PopulationRecord>(ctx.trx, ctx.tenantId, ctx.source);
  const stichtage = new Set([...bands.values()].map((band) => band.record.stichtag));
  const applying = [...stichtage].filter((stichtag) => !statedByNewerFile(ctx, stichtag, known, report)).sort();
  if (applying.length === 0) {
    return { eventsAppended: 0, rowsUnchanged: 0, stale: `stale: every Stichtag of this file was stated by a newer ${ctx.source} file; not applied` };
  }

  const ofApplying = (record: PopulationRecord | null) => record !== null && applying.includes(record.stichtag);
  const live = new Map([...known].filter(([, k]) => !k.deleted && ofApplying(k.state)).map(([id, k]) => [id, k.state!]));
  const current = new Map([...bands].filter(([, band]) => ofApplying(band.record)).map(([id, band]) => [id, band.record]));
  const kept = report.mayHaveMergedRows ? keepMissingRecords(live, current, report) : report.quarantinedIds;
  const diff = diffSnapshot(live, current, kept, classifyPopulationChange);
  const share = deletionShare(diff);
  const held = share > settings.deletionThreshold && !settings.confirmDeletions;
  const deletions = { vanished: diff.vanished, liveBefore: diff.liveBefore, share, held };
  if (held) return { eventsAppended: 0, rowsUnchanged: 0, deletions };

  for (const change of diff.changes) for (const note of bands.get(change.recordId)?.notes ?? []) report.add(note);
  const eventsAppended = await applyChanges(ctx, diff.changes, known);
  await saveRecordStates(ctx, diff.changes, known);
  await markStated(ctx, applying);
  // Rows, not bands: the rows of a band whose sum stayed, and those of the Stichtage left alone.
  const changed = new Set(diff.changes.filter((change) => change.state !== null).map((change) => change.recordId));
  const rowsUnchanged = [...bands].reduce((rows, [id, band]) => rows + (changed.has(id) ? 0 : band.lines.length), 0);
  return { eventsAppended, rowsUnchanged, deletions };
}

/**
 * Whether a file observed later than this one stated the Stichtag: then it stays as that file
 * left it. A band's record state carries the observation of the latest file that stated its
 * Stichtag (markStated), withdrawn bands included, so the newest of them tells.
 */
function statedByNewerFile(ctx: ApplyContext, stichtag: string, known: ReadonlyMap<string, KnownRecord<PopulationRecord>>, report: FileReport): boolean {
  let statedAt: Date | undefined;
  for (const record of known.values()) {
    if (record.state?.stichtag === stichtag && (!statedAt || record.observedAt > statedAt)) statedAt = record.observedAt;
  }
  if (!statedAt || statedAt.getTime() < ctx.observedAt.getTime()) return false;
  report.addFileFinding({
    severity: 'warning',
    code: 'stale-stichtag',
    message: `Stichtag ${germanDate(stichtag)}: a newer file (observed ${statedAt.toISOString()}) stated it already; its bands are left as that file left them`,
  });
  return true;
}

/** Every band of the Stichtage applied, changed or not, now stands as of this file. */
async function markStated(ctx: ApplyContext, stichtage: readonly string[]): Promise<void> {
  await sql`
    UPDATE ingest_record_state SET observed_at = ${ctx.observedAt.toISOString()}::timestamptz
    WHERE tenant_id = ${ctx.tenantId} AND source = ${ctx.source} AND state->>'stichtag' = ANY(${stichtage}::text[])`.execute(ctx.trx);
}

/** A warning per social area no WebFM case has named (a new area may have no case yet): its rows are kept. */
async function reportSocialAreasOfNoCase(ctx: ApplyContext, bands: ReadonlyMap<string, StatedBand>, report: FileReport, column: string | undefined): Promise<void> {
  const linesOf = new Map<string, number[]>();
  for (const band of bands.values()) linesOf.set(band.record.socialArea, [...(linesOf.get(band.record.socialArea) ?? []), ...band.lines]);
  for (const area of await socialAreasOfNoCase(ctx.trx, ctx.tenantId, [...linesOf.keys()])) {
    const lines = linesOf.get(area)!.sort((a, b) => a - b);
    report.add({
      severity: 'warning',
      code: 'unknown-social-area',
      line: lines[0],
      field: 'socialArea',
      column,
      message: `social area "${area}" is named by no WebFM case (${lines.length} rows, from line ${lines[0]}): kept, as a new area may have no case yet; check its spelling against webfm_faelle`,
    });
  }
}
