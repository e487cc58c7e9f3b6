import { Module } from '@nestjs/common';
import { AnswerCacheInterceptor } from './answer-cache/answer-cache.interceptor.js';
import { KnowledgeStampReader } from './answer-cache/knowledge-stamp.js';
import { KnowledgeBasisReader } from './knowledge-basis.js';
import { KpiContext } from './kpi-context.js';
import { KpisController } from './kpis.controller.js';
import { AidStockHandler } from './queries/aid-stock.query.js';
import { AidsHandler } from './queries/aids.query.js';
import { CaseloadHandler } from './queries/caseload.query.js';
import { CasesOfYearHandler } from './queries/cases-of-year.query.js';
import { ChronicleCountsHandler } from './queries/chronicle-counts.query.js';
import { CostsHandler } from './queries/costs.query.js';
import { EndingsHandler } from './queries/endings.query.js';
import { ReturnRateHandler } from './queries/return-rate.query.js';
import { SocialAreaBudgetsHandler } from './queries/social-area-budgets.query.js';
import { StaffFluctuationHandler } from './queries/staff-fluctuation.query.js';
import { StaffingRequirementHandler } from './queries/staffing-requirement.query.js';
import { SubProcessCountsHandler } from './queries/sub-process-counts.query.js';
import { YearOverYearHandler } from './queries/year-over-year.query.js';
import { UsePerYoungInhabitantHandler } from './queries/use-per-young-inhabitant.query.js';
import { TeamDirectory } from './team-directory.js';
import { TeamsController } from './teams.controller.js';

export const KPI_HANDLERS = [
  SubProcessCountsHandler,
  ChronicleCountsHandler,
  AidsHandler,
  AidStockHandler,
  CasesOfYearHandler,
  ReturnRateHandler,
  StaffFluctuationHandler,
  CaseloadHandler,
  StaffingRequirementHandler,
  CostsHandler,
  EndingsHandler,
  SocialAreaBudgetsHandler,
  UsePerYoungInhabitantHandler,
  YearOverYearHandler,
];

@Module({
  controllers: [KpisController, TeamsController],
  providers: [KnowledgeBasisReader, TeamDirectory, KpiContext, KnowledgeStampReader, AnswerCacheInterceptor, ...KPI_HANDLERS],
  exports: [KpiContext, TeamDirectory, KnowledgeStampReader, AnswerCacheInterceptor],
})
export class KpisModule {}
