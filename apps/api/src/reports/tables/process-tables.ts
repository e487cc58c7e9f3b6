import { chronicleCounts, loadCatalogue, staffingRequirement, subProcessCounts } from '@jugendamt/projections';
import type { ReportTable } from '../report-table.js';
import { pivot, type ReportScope } from './report-scope.js';

/** docs/kpis.md 1 and 6: sub-processes by team and code, 14plus steps by quarter, staffing requirement. */
export async function processTables(scope: ReportScope): Promise<ReportTable[]> {
  const query = { tenantId: scope.tenantId, asOf: scope.asOf, from: scope.from, to: scope.to };
  const { content: chronicleTypes } = await loadCatalogue(scope.db, scope.tenantId, 'chronicle-types');
  const [byTeam, byCode, chronicle, requirement] = await Promise.all([
    subProcessCounts(scope.db, { ...query, by: ['team', 'subProcess'], granularity: 'total' }),
    subProcessCounts(scope.db, { ...query, by: ['coreProcess', 'subProcess'], granularity: 'quarter' }),
    chronicleCounts(scope.db, { ...query, granularity: 'quarter', countedTypes: chronicleTypes.counted }),
    staffingRequirement(scope.db, query),
  ]);
  const teamPivot = pivot(byTeam, (r) => r.group.team!, (r) => r.group.subProcess!, (r) => r.count, 'Team');
  const codePivot = pivot(byCode, (r) => `${r.group.subProcess} (${r.group.coreProcess})`, (r) => r.period.replace(/^\d{4}-/, ''), (r) => r.count, 'Teilprozess (Kernprozess)');
  const chroniclePivot = pivot(chronicle, (r) => `${r.group.unit} – ${r.group.entryType}`, (r) => r.period.replace(/^\d{4}-/, ''), (r) => r.count, 'Sachgebiet – Eintragsart');
  return [
    { id: 'teilprozesse_team', title: 'Teilprozesse nach Team', level: 'team', ...teamPivot },
    { id: 'teilprozesse_quartal', title: 'Teilprozesse nach Quartal', level: 'office', ...codePivot },
    { id: 'wjh_prozesse', title: '14plus-Prozesse nach Quartal', level: 'office', ...chroniclePivot },
    {
      id: 'personalbedarf',
      title: 'Personalbedarf',
      level: 'team',
      columns: [
        { key: 'team', heading: 'Team', kind: 'text' },
        { key: 'processMinutes', heading: 'Prozessminuten', kind: 'minutes' },
        { key: 'requiredFte', heading: 'Bedarf (VZÄ)', kind: 'fte' },
        { key: 'averageFte', heading: 'Ist Ø (VZÄ)', kind: 'fte' },
        { key: 'coverage', heading: 'Deckungsgrad (%)', kind: 'rate' },
        { key: 'withoutProcessTime', heading: 'Codes ohne Prozesszeit', kind: 'text' },
      ],
      rows: requirement.map((r) => ({
        team: r.team,
        processMinutes: r.processMinutes,
        requiredFte: r.requiredFte,
        averageFte: r.averageFte,
        coverage: r.coverage,
        withoutProcessTime: r.withoutProcessTime.map((c) => `${c.code} (${c.count})`).join(', '),
      })),
    },
  ];
}
