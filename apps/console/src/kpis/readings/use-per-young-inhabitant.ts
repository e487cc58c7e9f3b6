import { api } from '../../api/client';
import type { KpiReading } from '../kpi-types';
import { captionOf, groupedTable, summarize } from '../tables';

const GAPS: Readonly<Record<string, string>> = {
  'no-population': 'keine Einwohnerzahl',
  zero: 'Einwohnerzahl 0',
  'band-crosses-21': 'Altersgruppe über 21 hinaus',
  'no-social-area': 'ohne Sozialraum',
};

const germanDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** KPI 9: Fallzahl and stock per 10,000 residents under 21, and net cost per young inhabitant, naming the Stichtage used. */
const usePerYoungInhabitant: KpiReading = {
  async read(scope) {
    const answer = (await api.GET('/api/v1/kpis/use-per-young-inhabitant', { params: { query: { ...scope.query, year: scope.query.year! } } })).data!;
    const withCosts = !/setting|paragraph/.test(scope.query.by ?? '');
    const table = groupedTable(
      'inanspruchnahme',
      captionOf('Inanspruchnahme je 10.000 unter 21', scope),
      answer.rows,
      scope,
      [
        { key: 'casesPer10000', heading: 'Fallzahl je 10.000', kind: 'ratio', digits: 1, value: (row) => row.casesPer10000 },
        { key: 'stockPer10000', heading: 'Bestand je 10.000', kind: 'ratio', digits: 1, value: (row) => row.stockPer10000 },
        { key: 'cases', heading: 'Fallzahl', kind: 'count', value: (row) => row.cases },
        { key: 'stock', heading: 'Bestand 31.12.', kind: 'count', value: (row) => row.stock },
        { key: 'young', heading: 'Einwohner unter 21', kind: 'count', value: (row) => row.population.young },
        { key: 'stichtag', heading: 'Stichtag Einwohner', kind: 'text', value: (row) => row.population.stichtage.map(germanDate).join(', ') || null },
        {
          key: 'gap',
          heading: 'Hinweis',
          kind: 'text',
          value: (row) => (row.population.gap ? GAPS[row.population.gap]! : row.population.areasWithout?.length ? `ohne ${row.population.areasWithout.join(', ')}` : null),
        },
        ...(withCosts ? [{ key: 'netPerYoung', heading: 'Netto je Einwohner u. 21', kind: 'euro', value: (row: (typeof answer.rows)[number]) => row.netPerYoungInhabitant }] : []),
      ],
      'ohne Sozialraum',
    );
    return {
      basis: answer.basis,
      qualityNotes: answer.dataQuality.notes,
      tables: [table],
      measures: ['casesPer10000'],
      summary: summarize(table, 'casesPer10000', 'Fallzahl je 10.000 unter 21', scope),
    };
  },
};
export default usePerYoungInhabitant;
