import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { berlinDayOf } from '@jugendamt/domain';
import { affectedRecords } from './checked-records.js';
import { checkInputs } from './input-quality.js';
import { paymentsCountedBySums, paymentsFromSums } from './payments-from-sums.js';
import { QUALITY_RECORD_KINDS, type PlausibilityRuleId, type QualityRecordKind } from './plausibility-catalogue.js';
import { activeRulesOn, type CheckInputs } from './rule-checks.js';
import { openLongEnough } from './sub-process-work.js';

/** The export each kind of record comes in. */
const SOURCE_OF: Readonly<Record<QualityRecordKind, string>> = { aids: 'webfm_hilfen', 'sub-processes': 'webfm_teilprozesse', payments: '14plus_chronik' };

/**
 * Whether any payment of the stretch may be hit, told by the costs' sums of whole months
 * without reading a payment: at a large city the payments are the most records to read, and
 * most months have none without a case.
 */
async function anyPaymentWithoutCase(db: Kysely<Database>, query: FindingsToFixQuery, inputs: CheckInputs): Promise<boolean> {
  const rules = activeRulesOn('payments', inputs.rules);
  if (rules.length === 0) return false;
  if (!paymentsCountedBySums(query, rules)) return true;
  const sums = await paymentsFromSums(db, { tenantId: query.tenantId, from: query.from, to: query.to, rules, byTeam: false });
  return sums.some((s) => s.affected > 0);
}

/** As known now only: a record's line is kept for the newest export that held it, not for each. */
export interface FindingsToFixQuery {
  readonly tenantId: string;
  /** ISO dates: the records live in this stretch. */
  readonly from: string;
  readonly to: string;
  readonly team?: string | undefined;
}

/** One record to correct, told by where it stands, never by an id of the source. */
export interface FindingToFix {
  readonly team: string | null;
  readonly records: QualityRecordKind;
  readonly rules: readonly PlausibilityRuleId[];
  /** The newest export that held the record, and its line there; null: its file predates line keeping (migration 0021). */
  readonly file: string | null;
  readonly line: number | null;
  /** When that export was observed (ISO timestamp). */
  readonly observedAt: string | null;
}

/**
 * What a team has to correct: every record live in the stretch asked and hit by an active rule
 * as known now, with the export file and line where the record stands, so the
 * team finds it in WebFM or 14plus (docs/data-quality.md). Sorted by team, file and line.
 */
export async function findingsToFix(db: Kysely<Database>, query: FindingsToFixQuery): Promise<FindingToFix[]> {
  const inputs = await checkInputs(db, query.tenantId);
  const today = berlinDayOf(new Date());
  const window = { key: 'now', from: query.from, to: query.to, knownAt: null, checkDay: today < query.to ? today : query.to };
  const found: FindingToFix[] = [];
  for (const kind of QUALITY_RECORD_KINDS) {
    if (kind === 'payments' && !(await anyPaymentWithoutCase(db, query, inputs))) continue;
    // Only open sub-processes can be hit (the one rule on them): read those alone.
    const base = kind === 'sub-processes' ? openLongEnough(window, inputs) : undefined;
    const hit = (await affectedRecords(db, { tenantId: query.tenantId, kind, windows: [window], inputs, base })).filter((r) => query.team === undefined || r.team === query.team);
    if (hit.length === 0) continue;
    const { rows } = await sql<{ record_id: string; file_name: string; line: number; observed_at: Date }>`
      SELECT l.record_id, i.file_name, l.line, i.observed_at FROM record_lines l
      JOIN imports i ON i.tenant_id = l.tenant_id AND i.import_id = l.import_id
      WHERE l.tenant_id = ${query.tenantId} AND l.source = ${SOURCE_OF[kind]} AND l.record_id = ANY(${hit.map((r) => r.id)}::text[])`.execute(db);
    const where = new Map(rows.map((r) => [r.record_id, r]));
    for (const record of hit) {
      const at = where.get(record.id);
      found.push({ team: record.team, records: kind, rules: record.rules, file: at?.file_name ?? null, line: at?.line ?? null, observedAt: at ? new Date(at.observed_at).toISOString() : null });
    }
  }
  // Each finding's key built once: a large city's half year holds tens of thousands.
  const keyed = found.map((f) => ({ f, key: [f.team ?? '\uffff', f.file ?? '\uffff', String(f.line ?? 0).padStart(9, '0')].join('\u0000') }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ f }) => f);
}
