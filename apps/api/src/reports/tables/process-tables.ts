import { chronicleCounts, loadCatalogue, staffingRequirement, subProcessCounts } from '@jugendamt/projections';
import type { ReportTable } from '../report-table.js';
import { periodOf, pivot, type ReportScope } from './report-scope.js';

/** docs/kpis.md 1: sub-processes by team, and by code and quarter. */
export async function subProcessTables(scope: ReportScope): Promise<ReportTable[]> {
  const query = periodOf(scope);
  const [byTeam, byCode] = await Promise.all([
    subProcessCounts(scope.db, { ...query, by: ['team', 'subProcess'], granularity: 'total' }),
    subProcessCounts(scope.db, { ...query, by: ['coreProcess', 'subProcess'], granularity: 'quarter' }),
  ]);
  const teamPivot = pivot(
    byTeam,
    (r) => r.group.team!,
    (r) => r.group.subProcess!,
    (r) => r.count,
    'Team',
  );
  const codePivot = pivot(
    byCode,
    (r) => `${r.group.subProcess} (${r.group.coreProcess})`,
    (r) => r.period.replace(/^\d{4}-/, ''),
    (r) => r.count,
    'Teilprozess (Kernprozess)',
  );
  return [
    { id: 'teilprozesse_team', title: 'Teilprozesse nach Team', level: 'team', ...teamPivot },
    { id: 'teilprozesse_quartal', title: 'Teilprozesse nach Quartal', level: 'office', ...codePivot },
  ];
}

/** docs/kpis.md 1: the counted 14plus steps by quarter. */
export async function chronicleTables(scope: ReportScope): Promise<ReportTable[]> {
  const { content: chronicleTypes } = await loadCatalogue(scope.db, scope.tenantId, 'chronicle-types');
  const chronicle = await chronicleCounts(scope.db, { ...periodOf(scope), granularity: 'quarter', countedTypes: chronicleTypes.counted });
  const chroniclePivot = pivot(
    chronicle,
    (r) => `${r.group.unit} – ${r.group.entryType}`,
    (r) => r.period.replace(/^\d{4}-/, ''),
    (r) => r.count,
    'Sachgebiet – Eintragsart',
  );
  return [{ id: 'wjh_prozesse', title: '14plus-Prozesse nach Quartal', level: 'office', ...chroniclePivot }];
}

/** docs/kpis.md 6: the staffing requirement by team. */
export async function staffingRequirementTables(scope: ReportScope): Promise<ReportTable[]> {
  const requirement = await staffingRequirement(scope.db, periodOf(scope));
  return [
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
