import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { checkInputs, findingsToFix, inputQuality, newestObservation } from '@jugendamt/projections';
import type { Principal } from '../access/role.js';
import { KpiContext } from '../kpis/kpi-context.js';
import type { FindingsToFixList, InputQualityAnswer } from './quality-answer.js';
import { daysOfMonths, monthsAsked, type FindingsToFixParams, type InputQualityParams } from './quality-params.js';

/** docs/data-quality.md: the plausibility rules' findings per team and month. */
export class InputQualityQuery extends Query<InputQualityAnswer> {
  constructor(
    readonly caller: Principal,
    readonly params: InputQualityParams,
  ) {
    super();
  }
}

@QueryHandler(InputQualityQuery)
export class InputQualityHandler implements IQueryHandler<InputQualityQuery> {
  constructor(private readonly kpis: KpiContext) {}

  async execute({ caller, params }: InputQualityQuery): Promise<InputQualityAnswer> {
    const { tenantId } = caller;
    await this.kpis.checkTeam(tenantId, params.team);
    const { asOf, team } = params;
    const { from, to } = monthsAsked(params, await newestObservation(this.kpis.db, tenantId, { asOf }));
    const quality = await inputQuality(this.kpis.db, { tenantId, from, to, asOf, team });
    return {
      parameters: { from, to, ...(asOf ? { asOf: asOf.toISOString() } : {}), ...(team ? { team } : {}) },
      rulesVersion: quality.rulesVersion,
      rules: quality.rules,
      office: quality.office,
      teams: quality.teams,
    };
  }
}

/** docs/data-quality.md: what is left to fix, with file and line. */
export class FindingsToFixQuery extends Query<FindingsToFixList> {
  constructor(
    readonly caller: Principal,
    readonly params: FindingsToFixParams,
  ) {
    super();
  }
}

@QueryHandler(FindingsToFixQuery)
export class FindingsToFixHandler implements IQueryHandler<FindingsToFixQuery> {
  constructor(private readonly kpis: KpiContext) {}

  async execute({ caller, params }: FindingsToFixQuery): Promise<FindingsToFixList> {
    const { tenantId } = caller;
    await this.kpis.checkTeam(tenantId, params.team);
    const { team } = params;
    const { from, to } = daysOfMonths(monthsAsked(params, await newestObservation(this.kpis.db, tenantId)));
    const [findings, inputs] = await Promise.all([findingsToFix(this.kpis.db, { tenantId, from, to, team }), checkInputs(this.kpis.db, tenantId)]);
    return { parameters: { from, to, ...(team ? { team } : {}) }, findings, rules: inputs.rules.rules };
  }
}
