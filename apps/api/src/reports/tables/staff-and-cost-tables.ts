import { aidCounts, caseloadPerFte, costPerAid, costs, staffFluctuation } from '@jugendamt/projections';
import type { ReportTable } from '../report-table.js';
import { OFFICE_TOTAL } from '../office-total.js';
import { NO_VALUE, periodOf, type ReportScope } from './report-scope.js';

/** docs/kpis.md 4: staff fluctuation by team. */
export async function fluctuationTables(scope: ReportScope): Promise<ReportTable[]> {
  const fluctuation = await staffFluctuation(scope.db, periodOf(scope));
  return [
    {
      id: 'fluktuation',
      title: 'Fluktuation',
      level: 'team',
      columns: [
        { key: 'row', heading: 'Team', kind: 'text' },
        { key: 'averageHeadcount', heading: 'Köpfe Ø', kind: 'fte' },
        { key: 'averageFte', heading: 'VZÄ Ø', kind: 'fte' },
        { key: 'joiners', heading: 'Zugänge', kind: 'count' },
        { key: 'leavers', heading: 'Abgänge', kind: 'count' },
        { key: 'rate', heading: 'Fluktuation (%)', kind: 'rate', basedOn: ['leavers', 'averageHeadcount'] },
        { key: 'rateFte', heading: 'Fluktuation VZÄ (%)', kind: 'rate', basedOn: ['leavers', 'averageHeadcount'] },
        { key: 'headcountAtEnd', heading: 'Köpfe 31.12.', kind: 'count' },
        { key: 'fteAtEnd', heading: 'VZÄ 31.12.', kind: 'fte' },
      ],
      rows: fluctuation.map((r) => ({
        row: r.team ?? OFFICE_TOTAL,
        averageHeadcount: r.averageHeadcount,
        averageFte: r.averageFte,
        joiners: r.joiners,
        leavers: r.leavers,
        rate: r.rate,
        rateFte: r.rateFte,
        headcountAtEnd: r.headcountAtEnd,
        fteAtEnd: r.fteAtEnd,
      })),
    },
  ];
}

/** docs/kpis.md 5: caseload per FTE on 31.12. */
export async function caseloadTables(scope: ReportScope): Promise<ReportTable[]> {
  const caseload = await caseloadPerFte(scope.db, { tenantId: scope.tenantId, asOf: scope.asOf, on: scope.to });
  return [
    {
      id: 'fachkraft_fall_relation',
      title: 'Fachkraft-Fall-Relation 31.12.',
      level: 'team',
      columns: [
        { key: 'row', heading: 'Team', kind: 'text' },
        { key: 'aids', heading: 'Laufende Hilfen', kind: 'count' },
        { key: 'caseWorkerFte', heading: 'VZÄ Fachkräfte', kind: 'fte' },
        { key: 'relation', heading: 'Relation', kind: 'text' },
      ],
      rows: caseload.map((r) => ({ row: r.team, aids: r.aids, caseWorkerFte: r.caseWorkerFte, relation: r.aidsPerFte === null ? null : `1:${r.aidsPerFte.toFixed(1).replace('.', ',')}` })),
    },
  ];
}

/** docs/kpis.md 7: costs by paragraph (with cost per aid) and by team. */
export async function costTables(scope: ReportScope): Promise<ReportTable[]> {
  const query = periodOf(scope);
  const [costsByParagraph, aidsByParagraph, costsByTeam] = await Promise.all([
    costs(scope.db, { ...query, by: ['paragraph'], granularity: 'total' }),
    aidCounts(scope.db, { ...query, by: ['paragraph'] }),
    costs(scope.db, { ...query, by: ['team'], granularity: 'total' }),
  ]);
  const perAid = costPerAid(costsByParagraph, aidsByParagraph);
  const euro = (cents: number) => cents / 100;
  return [
    {
      id: 'kosten_paragraph',
      title: 'Kosten nach Paragraph',
      level: 'office',
      columns: [
        { key: 'row', heading: 'Paragraph', kind: 'text' },
        { key: 'gross', heading: 'Ausgaben (€)', kind: 'euro' },
        { key: 'income', heading: 'Einnahmen (€)', kind: 'euro' },
        { key: 'net', heading: 'Netto (€)', kind: 'euro' },
        { key: 'aids', heading: 'Laufende Hilfen', kind: 'count' },
        { key: 'perAid', heading: 'Ausgaben je Hilfe (€)', kind: 'euro', basedOn: ['aids'] },
      ],
      rows: [
        ...costsByParagraph.map((r) => {
          // Cost per aid is served for the HzE paragraphs with aids running; the others ran none.
          const ofParagraph = perAid.find((p) => p.paragraph === (r.group.paragraph ?? null));
          return {
            row: r.group.paragraph ?? NO_VALUE,
            gross: euro(r.grossCents),
            income: euro(r.incomeCents),
            net: euro(r.netCents),
            aids: ofParagraph?.aids ?? 0,
            perAid: ofParagraph ? euro(ofParagraph.centsPerAid) : null,
          };
        }),
        // An HzE paragraph with aids running and nothing paid costs 0 € per aid: a value, not a gap.
        ...perAid
          .filter((p) => !costsByParagraph.some((r) => (r.group.paragraph ?? null) === p.paragraph))
          .map((p) => ({ row: p.paragraph ?? NO_VALUE, gross: 0, income: 0, net: 0, aids: p.aids, perAid: euro(p.centsPerAid) })),
      ],
    },
    {
      id: 'kosten_team',
      title: 'Kosten nach Team',
      level: 'team',
      columns: [
        { key: 'row', heading: 'Team', kind: 'text' },
        { key: 'gross', heading: 'Ausgaben (€)', kind: 'euro' },
        { key: 'income', heading: 'Einnahmen (€)', kind: 'euro' },
        { key: 'net', heading: 'Netto (€)', kind: 'euro' },
      ],
      rows: costsByTeam.map((r) => ({ row: r.group.team ?? 'ohne Fall', gross: euro(r.grossCents), income: euro(r.incomeCents), net: euro(r.netCents) })),
    },
  ];
}
