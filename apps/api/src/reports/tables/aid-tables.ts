import { aidCounts, casesOfYear, endings, returnRate, type AidCountsRow } from '@jugendamt/projections';
import { settingSharesOf } from '../../kpis/setting-shares-of.js';
import type { ReportColumn, ReportTable } from '../report-table.js';
import { NO_VALUE, periodOf, pivot, type ReportScope } from './report-scope.js';

const PERIOD_COLUMNS: readonly ReportColumn[] = [
  { key: 'stock', heading: 'Bestand 31.12.', kind: 'count' },
  { key: 'running', heading: 'Laufend im Jahr', kind: 'count' },
  { key: 'begun', heading: 'Begonnen', kind: 'count' },
  { key: 'ended', heading: 'Beendet', kind: 'count' },
];

function periodRows(inYear: readonly AidCountsRow[], lastDay: readonly AidCountsRow[], dimension: 'setting' | 'paragraph') {
  const stock = new Map(lastDay.map((r) => [r.group[dimension] ?? null, r.running]));
  return inYear
    .map((r) => ({ row: r.group[dimension] ?? NO_VALUE, stock: stock.get(r.group[dimension] ?? null) ?? 0, running: r.running, begun: r.begun, ended: r.ended }))
    .sort((a, b) => a.row.localeCompare(b.row, 'de', { numeric: true }));
}

/** docs/kpis.md 2: aids by setting and paragraph (year and 31.12.), the settings' shares, running aids by team and by social area. */
export async function aidsTables(scope: ReportScope): Promise<ReportTable[]> {
  const query = periodOf(scope);
  const lastDay = { ...query, from: scope.to };
  const [bySetting, stockBySetting, byParagraph, stockByParagraph, shares, byTeamSetting, byArea] = await Promise.all([
    aidCounts(scope.db, { ...query, by: ['setting'] }),
    aidCounts(scope.db, { ...lastDay, by: ['setting'] }),
    aidCounts(scope.db, { ...query, by: ['paragraph'] }),
    aidCounts(scope.db, { ...lastDay, by: ['paragraph'] }),
    settingSharesOf(scope.db, { ...query, team: undefined, includeEducationalCounselling: false }),
    aidCounts(scope.db, { ...query, by: ['team', 'setting'] }),
    aidCounts(scope.db, { ...query, by: ['socialArea', 'setting'] }),
  ]);
  const settingOf = (r: AidCountsRow) => r.group.setting ?? NO_VALUE;
  return [
    {
      id: 'hilfen_leistungsform',
      title: 'Hilfen nach Leistungsform',
      level: 'office',
      columns: [{ key: 'row', heading: 'Leistungsform', kind: 'text' }, ...PERIOD_COLUMNS],
      rows: periodRows(bySetting, stockBySetting, 'setting'),
    },
    {
      id: 'hilfen_paragraph',
      title: 'Hilfen nach Paragraph',
      level: 'office',
      columns: [{ key: 'row', heading: 'Paragraph', kind: 'text' }, ...PERIOD_COLUMNS],
      rows: periodRows(byParagraph, stockByParagraph, 'paragraph'),
    },
    {
      id: 'anteile_leistungsform',
      title: 'Anteile der Leistungsformen',
      level: 'office',
      columns: [
        { key: 'ambulant', heading: 'Ambulant', kind: 'count' },
        { key: 'semi', heading: 'Teilstationär', kind: 'count' },
        { key: 'stationary', heading: 'Stationär', kind: 'count' },
        { key: 'shareStationary', heading: 'Anteil stationär (%)', kind: 'rate', basedOn: ['stationary'] },
        { key: 'ambulantPerStationary', heading: 'Ambulant je stationär', kind: 'ratio', basedOn: ['ambulant', 'stationary'] },
        { key: 'fosterShare', heading: 'Pflegequote (%)', kind: 'rate', basedOn: ['stationary'] },
      ],
      rows: [
        {
          ambulant: shares.ambulant,
          semi: shares.teilstationär,
          stationary: shares.stationär,
          shareStationary: shares.shareStationary,
          ambulantPerStationary: shares.ambulantPerStationary,
          fosterShare: shares.fosterShare,
        },
      ],
    },
    {
      id: 'hilfen_team',
      title: 'Laufende Hilfen nach Team',
      level: 'team',
      ...pivot(
        byTeamSetting,
        (r) => r.group.team ?? NO_VALUE,
        settingOf,
        (r) => r.running,
        'Team',
      ),
    },
    {
      id: 'hilfen_sozialraum',
      title: 'Laufende Hilfen nach Sozialraum',
      level: 'team',
      ...pivot(
        byArea,
        (r) => r.group.socialArea ?? NO_VALUE,
        settingOf,
        (r) => r.running,
        'Sozialraum',
      ),
    },
  ];
}

/** docs/kpis.md 2: the Fallzahl of the year by paragraph. */
export async function casesOfYearTables(scope: ReportScope): Promise<ReportTable[]> {
  const cases = await casesOfYear(scope.db, { tenantId: scope.tenantId, asOf: scope.asOf, year: Number(scope.from.slice(0, 4)), by: ['paragraph'] });
  return [
    {
      id: 'fallzahl',
      title: 'Fallzahl nach Paragraph',
      level: 'office',
      columns: [
        { key: 'row', heading: 'Paragraph', kind: 'text' },
        { key: 'stock', heading: 'Bestand 31.12.', kind: 'count' },
        { key: 'ended', heading: 'Beendet im Jahr', kind: 'count' },
        { key: 'cases', heading: 'Fallzahl', kind: 'count' },
      ],
      rows: cases.map((r) => ({ row: r.group.paragraph ?? NO_VALUE, stock: r.stock, ended: r.ended, cases: r.cases })).sort((a, b) => a.row.localeCompare(b.row, 'de', { numeric: true })),
    },
  ];
}

/** docs/kpis.md 3: the return rate by paragraph and by team, and where those who left went. */
export async function returnRateTables(scope: ReportScope): Promise<ReportTable[]> {
  const query = periodOf(scope);
  const [returns, returnsByTeam] = await Promise.all([returnRate(scope.db, { ...query, by: ['paragraph'] }), returnRate(scope.db, { ...query, by: ['team'] })]);
  const residences = new Map<string, number>();
  for (const r of returns) for (const [where, n] of Object.entries(r.residences)) residences.set(where, (residences.get(where) ?? 0) + n);
  const returnColumns: ReportColumn[] = [
    { key: 'denominator', heading: 'Beendete stationäre Hilfen', kind: 'count' },
    { key: 'numerator', heading: 'Rückführungen', kind: 'count' },
    { key: 'rate', heading: 'Rückführungsquote (%)', kind: 'rate', basedOn: ['numerator', 'denominator'] },
  ];
  return [
    {
      id: 'rueckfuehrung',
      title: 'Rückführungsquote',
      level: 'office',
      columns: [{ key: 'row', heading: 'Paragraph', kind: 'text' }, ...returnColumns],
      rows: returns.map((r) => ({ row: r.group.paragraph ?? NO_VALUE, denominator: r.denominator, numerator: r.numerator, rate: r.rate })),
    },
    {
      id: 'rueckfuehrung_team',
      title: 'Rückführungsquote nach Team',
      level: 'team',
      columns: [{ key: 'row', heading: 'Team', kind: 'text' }, ...returnColumns],
      rows: returnsByTeam.map((r) => ({ row: r.group.team ?? NO_VALUE, denominator: r.denominator, numerator: r.numerator, rate: r.rate })),
    },
    {
      id: 'aufenthalt',
      title: 'Aufenthalt nach Hilfeende',
      level: 'office',
      columns: [
        { key: 'row', heading: 'Aufenthalt nach Hilfeende', kind: 'text' },
        { key: 'count', heading: 'Anzahl', kind: 'count' },
      ],
      rows: [...residences].sort(([a], [b]) => a.localeCompare(b, 'de')).map(([row, count]) => ({ row, count })),
    },
  ];
}

/** docs/kpis.md 8: duration and endings by paragraph. */
export async function endingsTables(scope: ReportScope): Promise<ReportTable[]> {
  const ended = await endings(scope.db, { ...periodOf(scope), by: ['paragraph'] });
  return [
    {
      id: 'beendigungen',
      title: 'Dauer und Beendigungen',
      level: 'office',
      columns: [
        { key: 'row', heading: 'Paragraph', kind: 'text' },
        { key: 'ended', heading: 'Beendet', kind: 'count' },
        { key: 'meanDays', heading: 'Dauer Ø (Tage)', kind: 'days', basedOn: ['ended'] },
        { key: 'medianDays', heading: 'Dauer Median (Tage)', kind: 'days', basedOn: ['ended'] },
        // The counts behind the rates: a rate of 1 or 2 endings is as telling as the count (docs/kpis.md).
        { key: 'base', heading: 'Basis der Quoten', kind: 'count' },
        { key: 'planned', heading: 'Planmäßig beendet', kind: 'count' },
        { key: 'plannedEndingRate', heading: 'Planmäßig beendet (%)', kind: 'rate', basedOn: ['planned', 'base'] },
        { key: 'breakdown', heading: 'Abgebrochen', kind: 'count' },
        { key: 'breakdownRate', heading: 'Abbruchquote (%)', kind: 'rate', basedOn: ['breakdown', 'base'] },
      ],
      rows: ended.map((r) => ({
        row: r.group.paragraph ?? NO_VALUE,
        ended: r.ended,
        meanDays: r.meanDays,
        medianDays: r.medianDays,
        base: r.base,
        planned: r.planned,
        plannedEndingRate: r.plannedEndingRate,
        breakdown: r.breakdown,
        breakdownRate: r.breakdownRate,
      })),
    },
  ];
}
