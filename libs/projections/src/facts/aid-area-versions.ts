import { sql } from 'kysely';
import type { AidAreaVersionsTable } from '@jugendamt/db';
import type { ProjectionContext } from '../runtime/projection.js';
import { knownSpans, msOf } from './known-spans.js';

type AidAreaVersion = Omit<AidAreaVersionsTable, 'tenant_id' | 'generation'>;

interface AidVersion extends Omit<AidAreaVersion, 'social_area'> {
  readonly case_id: string;
}

interface CaseArea {
  readonly case_id: string;
  readonly known_from: Date;
  readonly known_to: Date | null;
  readonly social_area: string;
}

/**
 * Aids by social area count an aid under its case's social area as known at the time asked
 * about (docs/kpis.md 2). Instead of joining every aid to its case on each query, each aid version
 * is kept split where its case's social area changed over knowledge time: the product of two
 * histories. An aid touched by a page, itself or through its case, is worked out anew and
 * whole, so the split is the same whatever order the sources' files arrived in and wherever
 * the pages of a rebuild begin.
 */
export async function splitAidsBySocialArea(ctx: ProjectionContext, aidIds: readonly string[], caseIds: readonly string[]): Promise<void> {
  if (aidIds.length === 0 && caseIds.length === 0) return;
  const { tenantId, generation, trx } = ctx;
  const { rows: ofCases } = await sql<{ aid_id: string }>`
    SELECT DISTINCT aid_id FROM aid_versions
    WHERE tenant_id = ${tenantId} AND generation = ${generation} AND case_id = ANY(${[...caseIds]}::text[])`.execute(trx);
  const aids = [...new Set([...aidIds, ...ofCases.map((r) => r.aid_id)])];
  if (aids.length === 0) return;

  const { rows: versions } = await sql<AidVersion>`
    SELECT aid_id, case_id, known_from, known_to, paragraph, setting, educational_aid, begin_on, end_on, team
    FROM aid_versions WHERE tenant_id = ${tenantId} AND generation = ${generation} AND aid_id = ANY(${aids}::text[])`.execute(trx);
  const { rows: areas } = await sql<CaseArea>`
    SELECT case_id, known_from, known_to, social_area
    FROM case_versions WHERE tenant_id = ${tenantId} AND generation = ${generation} AND case_id = ANY(${[...new Set(versions.map((v) => v.case_id))]}::text[])`.execute(trx);
  const areasOfCase = new Map<string, CaseArea[]>();
  for (const area of areas) areasOfCase.set(area.case_id, [...(areasOfCase.get(area.case_id) ?? []), area]);

  await sql`DELETE FROM aid_area_versions WHERE tenant_id = ${tenantId} AND generation = ${generation} AND aid_id = ANY(${aids}::text[])`.execute(trx);
  const rows = versions.flatMap((version) => splitByArea(version, areasOfCase.get(version.case_id) ?? []));
  if (rows.length === 0) return;
  await sql`
    INSERT INTO aid_area_versions (tenant_id, generation, aid_id, known_from, known_to, paragraph, setting, educational_aid, begin_on, end_on, team, social_area)
    SELECT ${tenantId}, ${generation}, r.aid_id, r.known_from, r.known_to, r.paragraph, r.setting, r.educational_aid, r.begin_on, r.end_on, r.team, r.social_area
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(
      aid_id text, known_from timestamptz, known_to timestamptz, paragraph text, setting text, educational_aid boolean,
      begin_on date, end_on date, team text, social_area text)`.execute(trx);
}

/** One aid version, cut where its case's social area changes within it; null where no case was known. */
function splitByArea({ case_id: _, ...version }: AidVersion, areas: readonly CaseArea[]): AidAreaVersion[] {
  const stretches = areas.map((a) => ({ from: msOf(a.known_from), to: msOf(a.known_to), area: a.social_area }));
  const spans = knownSpans(stretches, (covering) => covering[0]?.area ?? null, { from: msOf(version.known_from), to: msOf(version.known_to) });
  return spans.map(({ from, to, value }) => ({ ...version, known_from: new Date(from), known_to: Number.isFinite(to) ? new Date(to) : null, social_area: value }));
}
