import { Controller, Get, Query as QueryString, UseInterceptors } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access/allow.decorator.js';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { ApiQueryOf, Validated } from '../http/validated.js';
import { AnswerCacheInterceptor } from './answer-cache/answer-cache.interceptor.js';
import { ApiAnswerOf } from '../openapi/api-answer.js';
import { AidStockQuery, aidStockAnswer, aidStockFields } from './queries/aid-stock.query.js';
import { AidsQuery, aidsAnswer, aidsFields, aidsParams } from './queries/aids.query.js';
import { CaseloadQuery, caseloadAnswer, caseloadFields, caseloadParams } from './queries/caseload.query.js';
import { CasesOfYearQuery, casesOfYearAnswer, casesOfYearFields } from './queries/cases-of-year.query.js';
import { ChronicleCountsQuery, chronicleCountsAnswer, chronicleCountsFields, chronicleCountsParams } from './queries/chronicle-counts.query.js';
import { CostsQuery, costsAnswer, costsFields, costsParams } from './queries/costs.query.js';
import { EndingsQuery, endingsAnswer, endingsFields, endingsParams } from './queries/endings.query.js';
import { ReturnRateQuery, returnRateAnswer, returnRateFields, returnRateParams } from './queries/return-rate.query.js';
import { SocialAreaBudgetsQuery, socialAreaBudgetsAnswer, socialAreaBudgetsFields, socialAreaBudgetsParams } from './queries/social-area-budgets.query.js';
import { StaffFluctuationQuery, staffFluctuationAnswer, staffFluctuationFields, staffFluctuationParams } from './queries/staff-fluctuation.query.js';
import { StaffingRequirementQuery, staffingRequirementAnswer, staffingRequirementFields, staffingRequirementParams } from './queries/staffing-requirement.query.js';
import { SubProcessCountsQuery, subProcessCountsAnswer, subProcessCountsFields, subProcessCountsParams } from './queries/sub-process-counts.query.js';
import { YearOverYearQuery, yearOverYearAnswer, yearOverYearFields } from './queries/year-over-year.query.js';
import { UsePerYoungInhabitantQuery, usePerYoungInhabitantAnswer, usePerYoungInhabitantFields, usePerYoungInhabitantParams } from './queries/use-per-young-inhabitant.query.js';

/** The KPIs of docs/kpis.md for controlling: every level, every dimension, as of any time. */
@ApiTags('KPIs')
@ApiBearerAuth()
@Allow('controlling')
@UseInterceptors(AnswerCacheInterceptor)
@Controller('api/v1/kpis')
export class KpisController {
  constructor(private readonly queries: QueryBus) {}

  @Get('sub-process-counts')
  @ApiOperation({ summary: 'Teilprozess-Häufigkeit (KPI 1): completed WebFM sub-processes' })
  @ApiQueryOf(subProcessCountsFields)
  @ApiAnswerOf(subProcessCountsAnswer, 'Completed sub-processes by the dimensions asked and period')
  subProcessCounts(@Caller() caller: Principal, @QueryString(new Validated(subProcessCountsParams)) params: SubProcessCountsQuery['params']) {
    return this.queries.execute(new SubProcessCountsQuery(caller, params));
  }

  @Get('chronicle-counts')
  @ApiOperation({ summary: '14plus process counts (KPI 1): chronicle entries by Sachgebiet and Eintragsart' })
  @ApiQueryOf(chronicleCountsFields)
  @ApiAnswerOf(chronicleCountsAnswer, 'Chronicle entries by Sachgebiet, Eintragsart and period')
  chronicleCounts(@Caller() caller: Principal, @QueryString(new Validated(chronicleCountsParams)) params: ChronicleCountsQuery['params']) {
    return this.queries.execute(new ChronicleCountsQuery(caller, params));
  }

  @Get('aids')
  @ApiOperation({ summary: 'Hilfen nach Leistungsform (KPI 2): aids running, begun and ended in a period, with shares' })
  @ApiQueryOf(aidsFields)
  @ApiAnswerOf(aidsAnswer, 'Aids by the dimensions asked, the setting shares of the office (or team) and of every group')
  aids(@Caller() caller: Principal, @QueryString(new Validated(aidsParams)) params: AidsQuery['params']) {
    return this.queries.execute(new AidsQuery(caller, params));
  }

  @Get('aids/stock')
  @ApiOperation({ summary: 'Stock of aids on a reference date (KPI 2), with shares' })
  @ApiQueryOf(aidStockFields)
  @ApiAnswerOf(aidStockAnswer, 'The stock by the dimensions asked, the setting shares of the office (or team) and of every group')
  aidStock(@Caller() caller: Principal, @QueryString(new Validated(aidStockFields)) params: AidStockQuery['params']) {
    return this.queries.execute(new AidStockQuery(caller, params));
  }

  @Get('cases-of-year')
  @ApiOperation({ summary: 'Fallzahl of a year (KPI 2): stock on 31.12. plus aids ended in the year' })
  @ApiQueryOf(casesOfYearFields)
  @ApiAnswerOf(casesOfYearAnswer, 'Fallzahl by the dimensions asked')
  casesOfYear(@Caller() caller: Principal, @QueryString(new Validated(casesOfYearFields)) params: CasesOfYearQuery['params']) {
    return this.queries.execute(new CasesOfYearQuery(caller, params));
  }

  @Get('return-rate')
  @ApiOperation({ summary: 'Rückführungsquote (KPI 3)' })
  @ApiQueryOf(returnRateFields)
  @ApiAnswerOf(returnRateAnswer, 'Return rate with its numerator, denominator and the residences after the aid')
  returnRate(@Caller() caller: Principal, @QueryString(new Validated(returnRateParams)) params: ReturnRateQuery['params']) {
    return this.queries.execute(new ReturnRateQuery(caller, params));
  }

  @Get('staff-fluctuation')
  @ApiOperation({ summary: 'Fluktuation (KPI 4) of the office and each team' })
  @ApiQueryOf(staffFluctuationFields)
  @ApiAnswerOf(staffFluctuationAnswer, 'Fluctuation of the office (team null) and of each team')
  staffFluctuation(@Caller() caller: Principal, @QueryString(new Validated(staffFluctuationParams)) params: StaffFluctuationQuery['params']) {
    return this.queries.execute(new StaffFluctuationQuery(caller, params));
  }

  @Get('caseload')
  @ApiOperation({ summary: 'Fachkraft-Fall-Relation (KPI 5) per team on a reference date, or on the last day of a period' })
  @ApiQueryOf(caseloadFields)
  @ApiAnswerOf(caseloadAnswer, 'Aids per case-worker FTE of each team, as a number and as 1:x,x')
  caseload(@Caller() caller: Principal, @QueryString(new Validated(caseloadParams)) params: CaseloadQuery['params']) {
    return this.queries.execute(new CaseloadQuery(caller, params));
  }

  @Get('staffing-requirement')
  @ApiOperation({ summary: 'Personalbedarf (KPI 6) per team, with coverage' })
  @ApiQueryOf(staffingRequirementFields)
  @ApiAnswerOf(staffingRequirementAnswer, 'Required and actual FTE of each team, and the coverage')
  staffingRequirement(@Caller() caller: Principal, @QueryString(new Validated(staffingRequirementParams)) params: StaffingRequirementQuery['params']) {
    return this.queries.execute(new StaffingRequirementQuery(caller, params));
  }

  @Get('costs')
  @ApiOperation({ summary: 'Kosten (KPI 7) from 14plus, and cost per aid' })
  @ApiQueryOf(costsFields)
  @ApiAnswerOf(costsAnswer, 'Gross, income and net by the dimensions asked and period, and the cost per aid of each HzE paragraph')
  costs(@Caller() caller: Principal, @QueryString(new Validated(costsParams)) params: CostsQuery['params']) {
    return this.queries.execute(new CostsQuery(caller, params));
  }

  @Get('endings')
  @ApiOperation({ summary: 'Dauer und Beendigungen (KPI 8), with the counts behind the rates and the distribution of Beendigungsgrund' })
  @ApiQueryOf(endingsFields)
  @ApiAnswerOf(endingsAnswer, 'Durations, the counts behind the rates, the rates and the reasons of ending')
  endings(@Caller() caller: Principal, @QueryString(new Validated(endingsParams)) params: EndingsQuery['params']) {
    return this.queries.execute(new EndingsQuery(caller, params));
  }

  @Get('social-area-budgets')
  @ApiOperation({ summary: 'Sozialraumbudget (KPI 10): budget, spending, utilisation and linear forecast of each social area and the office' })
  @ApiQueryOf(socialAreaBudgetsFields)
  @ApiAnswerOf(socialAreaBudgetsAnswer, 'Each social area with a budget or spending, ohne Sozialraum, and the office')
  socialAreaBudgets(@Caller() caller: Principal, @QueryString(new Validated(socialAreaBudgetsParams)) params: SocialAreaBudgetsQuery['params']) {
    return this.queries.execute(new SocialAreaBudgetsQuery(caller, params));
  }

  @Get('use-per-young-inhabitant')
  @ApiOperation({ summary: 'Inanspruchnahme (KPI 9): HzE per 10,000 residents under 21 and net cost per young inhabitant, by office and social area' })
  @ApiQueryOf(usePerYoungInhabitantFields)
  @ApiAnswerOf(usePerYoungInhabitantAnswer, 'Fallzahl, stock and net costs of the year related to the population under 21, naming the Stichtage used')
  usePerYoungInhabitant(@Caller() caller: Principal, @QueryString(new Validated(usePerYoungInhabitantParams)) params: UsePerYoungInhabitantQuery['params']) {
    return this.queries.execute(new UsePerYoungInhabitantQuery(caller, params));
  }

  @Get('year-over-year')
  @ApiOperation({ summary: 'The office\'s key figures of a year beside the year before, with the change (absolute and %)' })
  @ApiQueryOf(yearOverYearFields)
  @ApiAnswerOf(yearOverYearAnswer, 'One row per key figure: the year, the year before, the change')
  yearOverYear(@Caller() caller: Principal, @QueryString(new Validated(yearOverYearFields)) params: YearOverYearQuery['params']) {
    return this.queries.execute(new YearOverYearQuery(caller, params));
  }
}
