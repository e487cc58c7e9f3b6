import { Controller, Get, Query as QueryString, Res, StreamableFile, UseInterceptors } from '@nestjs/common';
import { csvDownload } from '../http/csv-download.js';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../access/allow.decorator.js';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { ApiQueryOf, Validated } from '../http/validated.js';
import { ApiAnswerOf } from '../openapi/api-answer.js';
import { FindingsToFixQuery, InputQualityQuery } from './input-quality.query.js';
import { JsonAnswerCacheInterceptor } from './json-answer-cache.interceptor.js';
import { findingsToFixAnswer, inputQualityAnswer, type FindingsToFixAnswer, type InputQualityAnswer } from './quality-answer.js';
import { findingsToFixCsv, teamQualityCsv } from './quality-csv.js';
import { findingsToFixFields, inputQualityFields, inputQualityParams, type FindingsToFixParams, type InputQualityParams } from './quality-params.js';

/** The Fachadministration's feedback loop on input quality; controlling reads along. */
@ApiTags('Input quality')
@ApiBearerAuth()
@Allow('admin', 'controlling')
@UseInterceptors(JsonAnswerCacheInterceptor)
@Controller('api/v1/quality')
export class QualityController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Input quality per team and month: records checked, findings per plausibility rule, share hit and its trend' })
  @ApiQueryOf(inputQualityFields)
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswerOf(inputQualityAnswer, 'The office and every team (or the one asked) month by month (format=csv: the sheet for the team leader)')
  async quality(
    @Caller() caller: Principal,
    @QueryString(new Validated(inputQualityParams)) params: InputQualityParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InputQualityAnswer | StreamableFile> {
    const answer = await this.queries.execute(new InputQualityQuery(caller, params));
    if (params.format === 'json') return answer;
    return csvDownload(reply, `Eingabequalitaet_${answer.parameters.from}_${answer.parameters.to}.csv`, teamQualityCsv(answer, params.team!));
  }

  @Get('to-fix')
  @ApiOperation({ summary: 'What to fix: every record live in the months asked and hit now, with the export file and line where it stands' })
  @ApiQueryOf(findingsToFixFields)
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswerOf(findingsToFixAnswer, 'The records to correct by team, file and line (format=csv: the list for the team)')
  async toFix(
    @Caller() caller: Principal,
    @QueryString(new Validated(findingsToFixFields)) params: FindingsToFixParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FindingsToFixAnswer | StreamableFile> {
    const list = await this.queries.execute(new FindingsToFixQuery(caller, params));
    const { from, to } = list.parameters;
    if (params.format === 'csv') return csvDownload(reply, `Korrekturliste_${from.slice(0, 7)}_${to.slice(0, 7)}.csv`, findingsToFixCsv(list));
    // A large office's half year holds thousands of records: the JSON answer is a page of them.
    const { limit, offset } = params;
    return { parameters: { ...list.parameters, limit, offset }, total: list.findings.length, findings: list.findings.slice(offset, offset + limit) };
  }
}
