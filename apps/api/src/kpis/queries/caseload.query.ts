import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { z } from 'zod';
import { caseloadPerFte, type CaseloadRow } from '@jugendamt/projections';
import type { Principal } from '../../access/role.js';
import type { KpiAnswer } from '../kpi-answer.js';
import { KpiContext } from '../kpi-context.js';
import { asOfParam, referenceDateParam, teamParam } from '../kpi-params.js';

export const caseloadFields = z.object({ on: referenceDateParam, team: teamParam, asOf: asOfParam });

type Answer = KpiAnswer<CaseloadRow & { readonly ratio: string | null }>;

/** KPIS.md 5: Fachkraft-Fall-Relation per team on a reference date, written 1:x. */
export class CaseloadQuery extends Query<Answer> {
  constructor(readonly caller: Principal, readonly params: z.output<typeof caseloadFields>) {
    super();
  }
}

@QueryHandler(CaseloadQuery)
export class CaseloadHandler implements IQueryHandler<CaseloadQuery> {
  constructor(private readonly kpis: KpiContext) {}

  async execute({ caller, params }: CaseloadQuery): Promise<Answer> {
    const { team, ...query } = params;
    await this.kpis.checkTeam(caller.tenantId, team);
    const [rows, basis] = await Promise.all([
      caseloadPerFte(this.kpis.db, { ...query, tenantId: caller.tenantId }),
      this.kpis.basis(caller.tenantId, query.asOf, { built: { 'aid-history': ['aid-types'], 'staff-history': [] }, current: ['staffing'] }),
    ]);
    const answered = rows
      .filter((row) => team === undefined || row.team === team)
      .map((row) => ({ ...row, ratio: row.aidsPerFte === null ? null : `1:${row.aidsPerFte.toFixed(1)}` }));
    return { kpi: 'caseload', parameters: { ...query, team }, basis, rows: answered };
  }
}
