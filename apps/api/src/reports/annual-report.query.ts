import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { youngPopulation } from '@jugendamt/projections';
import type { Principal } from '../access/role.js';
import { KpiContext } from '../kpis/kpi-context.js';
import { asOfParam, flagParam } from '../kpis/kpi-params.js';
import { OFFICE_TOTAL } from './office-total.js';
import type { AnnualReport, ReportTable } from './report-table.js';
import { protectReport, type Suppression } from './suppression/protect-report.js';
import { KPIS } from '../kpis/definitions/index.js';
import { dataQualityTable } from './tables/data-quality-table.js';

export const annualReportFields = z.object({
  format: z.enum(['json', 'csv', 'xlsx']).optional().describe('json, csv (a zip of one file per table) or xlsx; without it, the Accept header decides.'),
  public: flagParam.describe('Apply the small-number suppression of docs/kpis.md to every table, for publication.'),
  asOf: asOfParam,
});

/** Rows in a fixed order, the office's total first: the same request gives the same bytes. */
function ordered(table: ReportTable): ReportTable {
  if (!table.columns.some((c) => c.key === 'row')) return table;
  const rank = (row: Record<string, unknown>) => (row['row'] === OFFICE_TOTAL ? 0 : 1);
  const rows = [...table.rows].sort((a, b) => rank(a) - rank(b) || String(a['row']).localeCompare(String(b['row']), 'de', { numeric: true }));
  return { ...table, rows };
}

/** The annual overall report (Gesamtbericht): every table of docs/kpis.md for one year. */
export class AnnualReportQuery extends Query<AnnualReport> {
  constructor(
    readonly caller: Principal,
    readonly year: number,
    readonly params: { public: boolean; asOf: Date | undefined },
  ) {
    super();
  }
}

@QueryHandler(AnnualReportQuery)
export class AnnualReportHandler implements IQueryHandler<AnnualReportQuery> {
  constructor(private readonly kpis: KpiContext) {}

  async execute({ caller, year, params }: AnnualReportQuery): Promise<AnnualReport> {
    const { tenantId } = caller;
    const scope = { db: this.kpis.db, tenantId, asOf: params.asOf, from: `${year}-01-01`, to: `${year}-12-31`, publication: params.public };
    const [office, basis, populations, quality, ...ofKpis] = await Promise.all([
      this.kpis.db.selectFrom('tenants').select('name').where('tenant_id', '=', tenantId).executeTakeFirstOrThrow(),
      this.kpis.basis(tenantId, params.asOf, {
        built: { 'aid-history': ['aid-types'], 'sub-process-history': [], 'staff-history': [], 'chronicle-history': ['aid-types'], 'population-history': [] },
        current: ['chronicle-types', 'staffing', 'process-times', 'budgets', 'plausibility-rules'],
      }),
      youngPopulation(this.kpis.db, { tenantId, asOf: params.asOf, year }),
      dataQualityTable(scope),
      // Each KPI's own tables, in the order of the KPIs; the notes on their bases close the report.
      ...KPIS.map((kpi) => kpi.reportTables?.(scope) ?? Promise.resolve([])),
    ]);
    const areasOn = new Map<string, string[]>();
    for (const p of populations) areasOn.set(p.stichtag, [...(areasOn.get(p.stichtag) ?? []), p.socialArea]);
    // Planners see team tables only suppressed; `public=true` suppresses every table.
    const suppression: Suppression = params.public ? 'all' : caller.role === 'planning' ? 'team-tables' : 'none';
    const tables = protectReport([...ofKpis.flat(), quality], suppression).map(ordered);
    return {
      year,
      office: office.name,
      asOf: basis.asOf,
      observedUntil: basis.observedUntil,
      catalogues: basis.catalogues.map(({ name, version }) => ({ name, version })),
      suppression,
      populationStichtage: [...areasOn].sort(([a], [b]) => b.localeCompare(a)).map(([stichtag, socialAreas]) => ({ stichtag, socialAreas })),
      tables,
    };
  }
}
