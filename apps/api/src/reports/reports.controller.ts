import { Controller, Get, Headers, Param, Query as QueryString, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow } from '../access/allow.decorator.js';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { ApiQueryOf, Validated } from '../http/validated.js';
import { yearParam } from '../kpis/kpi-params.js';
import { AnnualReportQuery, annualReportFields } from './annual-report.query.js';
import { annualReportCsvArchive } from './csv-archive.js';
import { annualReportWorkbook } from './excel-workbook.js';
import type { AnnualReport } from './report-table.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function formatOf(asked: string | undefined, accept: string | undefined): 'json' | 'csv' | 'xlsx' {
  if (asked === 'json' || asked === 'csv' || asked === 'xlsx') return asked;
  if (accept?.includes(XLSX)) return 'xlsx';
  if (accept?.includes('application/zip') || accept?.includes('text/csv')) return 'csv';
  return 'json';
}

/** The annual overall report for the planners (and controlling). */
@ApiTags('Reports')
@ApiBearerAuth()
@Allow('planning', 'controlling')
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('annual/:year')
  @ApiOperation({ summary: 'Gesamtbericht: every table of the year as JSON, CSV (zip) or Excel' })
  @ApiParam({ name: 'year', example: 2025 })
  @ApiQueryOf(annualReportFields)
  @ApiProduces('application/json', 'application/zip', XLSX)
  async annual(
    @Caller() caller: Principal,
    @Param('year', new Validated(yearParam)) year: number,
    @QueryString(new Validated(annualReportFields)) params: { format?: 'json' | 'csv' | 'xlsx'; public: boolean; asOf: Date | undefined },
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AnnualReport | StreamableFile> {
    const report = await this.queries.execute(new AnnualReportQuery(caller, year, params));
    const format = formatOf(params.format, accept);
    if (format === 'json') return report;
    const name = `gesamtbericht_${year}${params.public ? '_oeffentlich' : ''}`;
    if (format === 'csv') {
      return new StreamableFile(annualReportCsvArchive(report), { type: 'application/zip', disposition: `attachment; filename="${name}_csv.zip"` });
    }
    reply.header('Cache-Control', 'no-store');
    return new StreamableFile(await annualReportWorkbook(report), { type: XLSX, disposition: `attachment; filename="${name}.xlsx"` });
  }
}
