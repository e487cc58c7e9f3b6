import { sql } from 'kysely';
import type { ChronicleCaseLinksTable, FactContent } from '@jugendamt/db';
import type { ProjectionContext } from '../runtime/projection.js';
import { amountsAsNumbers, COST_ENTRY_TYPES, EntrySums, isCost, type ChronicleFact } from './entry-sums.js';
import { knownSpans, msOf, type KnownSpan } from './known-spans.js';
import { possiblyKnownIds, writeFactChanges, type FactChange, type VersionedTable } from './versioned-facts.js';

export type CaseLinkFact = FactContent<ChronicleCaseLinksTable, 'case_id'>;

const CASE_LINKS: VersionedTable<CaseLinkFact> = {
  table: 'chronicle_case_links',
  idColumn: 'case_id',
  columns: { file_reference: 'text', team: 'text', social_area: 'text' },
};

/** One entry's step from what was known to what became known, at an observation. */
export interface EntryTransition {
  readonly before: ChronicleFact | null;
  readonly after: ChronicleFact | null;
  readonly at: Date;
}

/**
 * An Aktenzeichen's case over knowledge time, as its team and social area joined by
 * `CASE_SEPARATOR` (a string, so that equal neighbours merge); '' while no case with the
 * Aktenzeichen is known.
 */
type CaseSpan = KnownSpan<string>;

const CASE_SEPARATOR = '\u001f';

const COST_KEY_COLUMNS = ['team', 'social_area', 'entry_type', 'aid_type', 'paragraph', 'setting'];

/**
 * Costs by case are kept as the product of two histories: an entry's versions and its
 * Aktenzeichen's case (team and social area). An entry adds its amount to a team and social
 * area for the knowledge time in which both held, from the later start to the earlier end (a
 * change at the start, its reverse at the end). Each change of either history adds the
 * difference it makes from its observation on, so the sums are the same whatever order the
 * sources' files arrived in.
 */
function spread(sums: EntrySums, fact: ChronicleFact, from: number, to: number, spans: readonly CaseSpan[], sign: number): void {
  for (const span of spans) {
    const start = Math.max(from, span.from);
    const end = Math.min(to, span.to);
    if (start >= end) continue;
    const [team = '', socialArea = ''] = span.value.split(CASE_SEPARATOR);
    const key = { team, social_area: socialArea, entry_type: fact.entry_type, aid_type: fact.aid_type ?? '', paragraph: fact.paragraph ?? '', setting: fact.setting ?? '' };
    sums.add(key, fact, new Date(start), sign);
    if (Number.isFinite(end)) sums.add(key, fact, new Date(end), -sign);
  }
}

/**
 * The team and social area of each Aktenzeichen over knowledge time from `since` on. With
 * several cases of one Aktenzeichen, the one with the smallest id decides, as in the costs read
 * from the facts.
 */
async function caseSpans(ctx: ProjectionContext, fileReferences: readonly string[], since: Date): Promise<Map<string, CaseSpan[]>> {
  const { rows } = await sql<{ case_id: string; file_reference: string; team: string; social_area: string; known_from: Date; known_to: Date | null }>`
    SELECT case_id, file_reference, team, social_area, known_from, known_to FROM chronicle_case_links
    WHERE tenant_id = ${ctx.tenantId} AND generation = ${ctx.generation} AND file_reference = ANY(${[...fileReferences]}::text[])
      AND (known_to IS NULL OR known_to > ${since.toISOString()}::timestamptz)`.execute(ctx.trx);
  const links = new Map<string, { caseId: string; value: string; from: number; to: number }[]>();
  for (const r of rows) {
    const link = { caseId: r.case_id, value: `${r.team}${CASE_SEPARATOR}${r.social_area}`, from: msOf(r.known_from), to: msOf(r.known_to) };
    const ofReference = links.get(r.file_reference);
    if (ofReference) ofReference.push(link);
    else links.set(r.file_reference, [link]);
  }
  const deciding = (covering: { caseId: string; value: string }[]) => covering.sort((a, b) => (a.caseId < b.caseId ? -1 : 1))[0]?.value ?? '';
  return new Map(fileReferences.map((reference) => [reference, knownSpans(links.get(reference) ?? [], deciding)]));
}

function sameSpans(a: readonly CaseSpan[], b: readonly CaseSpan[], since: number): boolean {
  const from = (spans: readonly CaseSpan[]) =>
    spans
      .filter((s) => s.to > since)
      .map((s) => `${Math.max(s.from, since)}:${s.to}:${s.value}`)
      .join('|');
  return from(a) === from(b);
}

/** The entry versions that count as costs for some of the knowledge time from `since` on. */
async function costEntryVersions(ctx: ProjectionContext, fileReferences: readonly string[], since: Date) {
  const { rows } = await sql<ChronicleFact & { amount_cents: string | null; known_from: Date; known_to: Date | null }>`
    SELECT file_reference, entry_date, unit, entry_type, aid_type, paragraph, setting, amount_cents, cancelling, cancels_entry_no, cancelled, known_from, known_to
    FROM chronicle_entry_versions
    WHERE tenant_id = ${ctx.tenantId} AND generation = ${ctx.generation} AND file_reference = ANY(${[...fileReferences]}::text[])
      AND (known_to IS NULL OR known_to > ${since.toISOString()}::timestamptz)
      AND entry_type = ANY(${[...COST_ENTRY_TYPES]}::text[]) AND NOT cancelled AND NOT cancelling`.execute(ctx.trx);
  return rows.map(({ known_from, known_to, ...fact }) => ({
    fact: amountsAsNumbers(fact),
    from: msOf(known_from),
    to: msOf(known_to),
  }));
}

/**
 * Records cases' Aktenzeichen, teams and social areas; where that changes an Aktenzeichen's team
 * or social area, its entries' costs move from the old one to the new one from the change's
 * observation on.
 */
export async function linkCases(ctx: ProjectionContext, changes: readonly FactChange<CaseLinkFact>[]): Promise<void> {
  if (changes.length === 0) return;
  const since = new Date(Math.min(...changes.map((c) => c.observedAt.getTime())));
  const { rows: previous } = await sql<{ file_reference: string }>`
    SELECT file_reference FROM chronicle_case_links
    WHERE tenant_id = ${ctx.tenantId} AND generation = ${ctx.generation} AND known_to IS NULL
      AND case_id = ANY(${possiblyKnownIds(changes)}::text[])`.execute(ctx.trx);
  const references = [...new Set([...previous.map((r) => r.file_reference), ...changes.flatMap((c) => (c.row ? [c.row.file_reference] : []))])];

  const before = await caseSpans(ctx, references, since);
  await writeFactChanges(ctx.trx, ctx.tenantId, ctx.generation, CASE_LINKS, changes);
  const after = await caseSpans(ctx, references, since);
  const moved = references.filter((r) => !sameSpans(before.get(r)!, after.get(r)!, since.getTime()));
  if (moved.length === 0) return;

  const sums = new EntrySums();
  for (const entry of await costEntryVersions(ctx, moved, since)) {
    const from = Math.max(entry.from, since.getTime());
    spread(sums, entry.fact, from, entry.to, before.get(entry.fact.file_reference)!, -1);
    spread(sums, entry.fact, from, entry.to, after.get(entry.fact.file_reference)!, +1);
  }
  await sums.write(ctx, 'case_cost_changes', COST_KEY_COLUMNS);
}

/** An entry's change moves its costs in the team and social area its Aktenzeichen had, from the change on. */
export async function moveCaseCosts(ctx: ProjectionContext, transitions: readonly EntryTransition[]): Promise<void> {
  const costly = transitions.filter((t) => isCost(t.before) || isCost(t.after));
  if (costly.length === 0) return;
  const since = new Date(Math.min(...costly.map((t) => t.at.getTime())));
  const references = [...new Set(costly.flatMap((t) => [t.before, t.after].filter(isCost).map((f) => f.file_reference)))];
  const spans = await caseSpans(ctx, references, since);
  const sums = new EntrySums();
  for (const { before, after, at } of costly) {
    if (isCost(before)) spread(sums, before, at.getTime(), Infinity, spans.get(before.file_reference)!, -1);
    if (isCost(after)) spread(sums, after, at.getTime(), Infinity, spans.get(after.file_reference)!, +1);
  }
  await sums.write(ctx, 'case_cost_changes', COST_KEY_COLUMNS);
}
