import { usePerYoungInhabitant, type UsePerYoungInhabitantRow } from '@jugendamt/projections';
import { OFFICE_TOTAL } from '../office-total.js';
import type { ReportColumn, ReportTable } from '../report-table.js';
import { NO_VALUE, pivot, type ReportScope } from './report-scope.js';

const DENSITY_COLUMNS: readonly ReportColumn[] = [
  { key: 'cases', heading: 'Fallzahl HzE', kind: 'count' },
  { key: 'casesPer10000', heading: 'Fallzahl je 10.000 u. 21', kind: 'rate', basedOn: ['cases'] },
  { key: 'stock', heading: 'Bestand 31.12.', kind: 'count' },
  { key: 'stockPer10000', heading: 'Bestand je 10.000 u. 21', kind: 'rate', basedOn: ['stock'] },
];

const germanDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

function densities(row: UsePerYoungInhabitantRow) {
  return { cases: row.cases, casesPer10000: row.casesPer10000, stock: row.stock, stockPer10000: row.stockPer10000 };
}

/**
 * docs/kpis.md 9: Inanspruchnahme per 10,000 residents under 21 and net cost per young
 * inhabitant, for the office and each social area; the office's figures by setting and by
 * paragraph; the Fallzahl of each social area by setting.
 */
export async function usePerYoungInhabitantTables(scope: ReportScope): Promise<ReportTable[]> {
  const query = { tenantId: scope.tenantId, asOf: scope.asOf, year: Number(scope.from.slice(0, 4)) };
  const [office, byArea, bySetting, byParagraph, byAreaAndSetting] = await Promise.all([
    usePerYoungInhabitant(scope.db, { ...query, by: [] }),
    usePerYoungInhabitant(scope.db, { ...query, by: ['socialArea'] }),
    usePerYoungInhabitant(scope.db, { ...query, by: ['setting'] }),
    usePerYoungInhabitant(scope.db, { ...query, by: ['paragraph'] }),
    usePerYoungInhabitant(scope.db, { ...query, by: ['socialArea', 'setting'] }),
  ]);
  const areaRow = (label: string, row: UsePerYoungInhabitantRow) => ({
    row: label,
    stichtag: row.population.stichtage.map(germanDate).join(', ') || null,
    young: row.population.young,
    ...densities(row),
    net: row.netCents === null ? null : row.netCents / 100,
    netPerYoung: row.netPerYoungInhabitant,
  });
  const alongOne = (rows: readonly UsePerYoungInhabitantRow[], dimension: 'setting' | 'paragraph') =>
    rows.map((r) => ({ row: r.group[dimension] ?? NO_VALUE, ...densities(r) })).sort((a, b) => a.row.localeCompare(b.row, 'de', { numeric: true }));
  return [
    {
      id: 'eckwerte_sozialraum',
      title: 'Inanspruchnahme je Sozialraum',
      level: 'team',
      columns: [
        { key: 'row', heading: 'Sozialraum', kind: 'text' },
        { key: 'stichtag', heading: 'Stichtag Einwohner', kind: 'text' },
        { key: 'young', heading: 'Einwohner unter 21', kind: 'residents' },
        ...DENSITY_COLUMNS,
        { key: 'net', heading: 'Nettoausgaben (€)', kind: 'euro' },
        { key: 'netPerYoung', heading: 'Netto je Einw. u. 21 (€)', kind: 'euro' },
      ],
      rows: [...office.map((r) => areaRow(OFFICE_TOTAL, r)), ...byArea.map((r) => areaRow(r.group.socialArea ?? NO_VALUE, r))],
    },
    {
      id: 'eckwerte_leistungsform',
      title: 'Inanspruchnahme n. Leistungsform',
      level: 'office',
      columns: [{ key: 'row', heading: 'Leistungsform', kind: 'text' }, ...DENSITY_COLUMNS],
      rows: alongOne(bySetting, 'setting'),
    },
    {
      id: 'eckwerte_paragraph',
      title: 'Inanspruchnahme nach Paragraph',
      level: 'office',
      columns: [{ key: 'row', heading: 'Paragraph', kind: 'text' }, ...DENSITY_COLUMNS],
      rows: alongOne(byParagraph, 'paragraph'),
    },
    {
      id: 'fallzahl_sozialraum',
      title: 'Fallzahl je Sozialraum',
      level: 'team',
      ...pivot(
        byAreaAndSetting,
        (r) => r.group.socialArea ?? NO_VALUE,
        (r) => r.group.setting ?? NO_VALUE,
        (r) => r.cases,
        'Sozialraum',
      ),
    },
  ];
}
