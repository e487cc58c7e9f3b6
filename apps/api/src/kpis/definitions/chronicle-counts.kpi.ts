import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { chronicleCounts, loadCatalogue, type CountRow } from '@jugendamt/projections';
import type { Principal } from '../../access/role.js';
import { kpiAnswer } from '../answer-schemas.js';
import type { KpiAnswer } from '../kpi-answer.js';
import { KpiContext } from '../kpi-context.js';
import { asOfParam, granularityParam, periodParams, resolvePeriodAndGranularity } from '../kpi-params.js';

export const chronicleCountsFields = z.object({ ...periodParams, granularity: granularityParam, asOf: asOfParam });
export const chronicleCountsParams = chronicleCountsFields.transform(resolvePeriodAndGranularity);

type Answer = KpiAnswer<CountRow<'unit' | 'entryType'>>;

export const chronicleCountsAnswer = kpiAnswer(
  'chronicle-counts',
  z.object({
    group: z.object({ unit: z.string().describe('Sachgebiet'), entryType: z.string().describe('Eintragsart') }),
    period: z.string().describe('2024-03, 2024-Q1, 2024 or total, by the granularity.'),
    count: z.number().int().describe('Entries neither cancelled nor cancelling, by Datum.'),
  }),
) satisfies z.ZodType<Answer>;

/** docs/kpis.md 1, 14plus: chronicle entries that count, by Sachgebiet × Eintragsart × period. */
export class ChronicleCountsQuery extends Query<Answer> {
  constructor(readonly caller: Principal, readonly params: z.output<typeof chronicleCountsParams>) {
    super();
  }
}

@QueryHandler(ChronicleCountsQuery)
export class ChronicleCountsHandler implements IQueryHandler<ChronicleCountsQuery> {
  constructor(private readonly kpis: KpiContext) {}

  async execute({ caller, params }: ChronicleCountsQuery): Promise<Answer> {
    const { tenantId } = caller;
    const { content } = await loadCatalogue(this.kpis.db, tenantId, 'chronicle-types');
    const [rows, basis] = await Promise.all([
      chronicleCounts(this.kpis.db, { ...params, tenantId, countedTypes: content.counted }),
      this.kpis.basis(tenantId, params.asOf, { built: { 'chronicle-history': [] }, current: ['chronicle-types'] }),
    ]);
    return { kpi: 'chronicle-counts', parameters: params, basis, rows };
  }
}
