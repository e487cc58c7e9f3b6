import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Principal } from '../access/role.js';
import type { KpiDefinition } from './kpi-definition.js';
import { KpiContext } from './kpi-context.js';

/**
 * Any KPI asked through the query bus. One query and one handler for all: what differs per
 * KPI is its definition, which the query carries (docs/architecture.md, "Read side").
 */
export class KpiQuery<Params = unknown, Answer = unknown> extends Query<Answer> {
  constructor(
    readonly kpi: KpiDefinition<Params, Answer>,
    readonly caller: Principal,
    readonly params: Params,
  ) {
    super();
  }
}

@QueryHandler(KpiQuery)
export class KpiQueryHandler implements IQueryHandler<KpiQuery> {
  constructor(private readonly kpis: KpiContext) {}

  execute({ kpi, caller, params }: KpiQuery): Promise<unknown> {
    return kpi.compute(this.kpis, caller, params);
  }
}
