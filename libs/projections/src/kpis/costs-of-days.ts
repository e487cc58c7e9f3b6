import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { knownAt } from './knowledge-time.js';
import { servingGeneration, type KpiScope, type Period } from './kpi-query.js';

/**
 * Net expenditure (docs/kpis.md 7) per social area of the linked case (null: no case) for a
 * few days, from the entries themselves: the part of a month the monthly sums cannot answer.
 * Only the cases of the entries found are looked at, so a month costs what its entries cost,
 * not what the office's cases do. The smallest case id decides, as in the costs by case.
 */
export async function netBySocialAreaOfDays(db: Kysely<Database>, query: KpiScope & Period): Promise<Map<string | null, number>> {
  const [generation, caseGeneration] = await Promise.all([servingGeneration(db, query.tenantId, 'chronicle-history'), servingGeneration(db, query.tenantId, 'aid-history')]);
  const { rows } = await sql<{ social_area: string | null; net: string }>`
    WITH e AS (
      SELECT e.file_reference, e.entry_type, e.amount_cents FROM chronicle_entry_versions e
      WHERE e.tenant_id = ${query.tenantId} AND e.generation = ${generation} AND ${knownAt('e', query.asOf)}
        AND NOT e.cancelled AND NOT e.cancelling AND e.entry_type IN ('ZAHLUNG', 'KOSTENBEITRAG', 'ERSTATTUNG')
        AND e.entry_date BETWEEN ${query.from}::date AND ${query.to}::date
    ), c AS (
      SELECT DISTINCT ON (c.file_reference) c.file_reference, c.social_area FROM case_versions c
      WHERE c.tenant_id = ${query.tenantId} AND c.generation = ${caseGeneration} AND ${knownAt('c', query.asOf)}
        AND c.file_reference IN (SELECT file_reference FROM e)
      ORDER BY c.file_reference, c.case_id COLLATE "C"
    )
    SELECT NULLIF(c.social_area, '') AS social_area,
           coalesce(sum(e.amount_cents) FILTER (WHERE e.entry_type = 'ZAHLUNG'), 0)
             - coalesce(sum(abs(e.amount_cents)) FILTER (WHERE e.entry_type IN ('KOSTENBEITRAG', 'ERSTATTUNG')), 0) AS net
    FROM e LEFT JOIN c ON c.file_reference = e.file_reference
    GROUP BY 1`.execute(db);
  return new Map(rows.map((r) => [r.social_area, Number(r.net)]));
}
