import { Get, Inject, Query, Res } from '@nestjs/common';
import { csvDownload } from '../http/csv-download.js';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { DatabaseHandle } from '@jugendamt/db';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { AdminController } from '../admin/admin-controller.decorator.js';
import { DATABASE } from '../database/database.module.js';
import { spreadsheetCsv } from '../http/spreadsheet-csv.js';
import { ApiQueryOf, Validated } from '../http/validated.js';
import { ApiAnswerOf } from '../openapi/api-answer.js';
import { accessLogEntries, type AccessLogView } from './access-log-entries.js';
import { AccessLogWriter } from './access-log-writer.js';

const timestamp = z.iso.datetime({ offset: true }).or(z.iso.date());

const logFields = z.strictObject({
  from: timestamp.optional().describe('From this time on (inclusive), ISO date or timestamp'),
  to: timestamp.optional().describe('Before this time, ISO date or timestamp'),
  role: z.enum(['admin', 'controlling', 'planning']).optional(),
  subject: z.string().max(200).optional().describe('Token id or sign-on subject'),
  route: z.string().max(200).optional().describe('Part of the route pattern, e.g. reports/annual'),
  parameter: z
    .string()
    .regex(/^[A-Za-z]+=[^=]{1,100}$/, { error: 'name=value, e.g. year=2025' })
    .optional()
    .describe('A parameter the request had, name=value, e.g. year=2025'),
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
  format: z.enum(['json', 'csv']).default('json'),
});

const entry = z.object({
  at: z.string(),
  role: z.string().nullable(),
  subject: z.string().nullable(),
  method: z.string(),
  route: z.string().describe('The route pattern; its parameters are beside it'),
  parameters: z.record(z.string(), z.unknown()),
  format: z.string().nullable(),
  status: z.number().int(),
  outcome: z.enum(['answered', 'refused', 'failed']),
  durationMs: z.number().int(),
}) satisfies z.ZodType<AccessLogView>;
const logAnswer = z.object({ entries: z.array(entry) });

/** The data-protection officer's question "who pulled the team tables of 2025?", answered from the access log. */
@AdminController('access-log', 'access log')
export class AccessLogController {
  constructor(
    @Inject(DATABASE) private readonly database: DatabaseHandle,
    private readonly writer: AccessLogWriter,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The access log of the office: who read or changed what, when, with what outcome (CSV for the data-protection officer)' })
  @ApiQueryOf(logFields)
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswerOf(logAnswer, 'The entries, oldest first')
  async list(@Caller() caller: Principal, @Query(new Validated(logFields)) query: z.output<typeof logFields>, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.writer.flush(); // every request answered before this one is in the answer
    const [name, value] = query.parameter?.split('=') ?? [];
    const entries = await accessLogEntries(this.database.app, caller.tenantId, { ...query, parameter: name && value ? [name, value] : undefined });
    if (query.format === 'json') return { entries } satisfies z.output<typeof logAnswer>;
    return csvDownload(
      reply,
      'Zugriffsprotokoll.csv',
      spreadsheetCsv([
        ['Zeitpunkt', 'Rolle', 'Kennung', 'Methode', 'Route', 'Parameter', 'Format', 'Status', 'Ergebnis', 'Dauer (ms)'],
        ...entries.map((e) => [e.at, e.role, e.subject, e.method, e.route, JSON.stringify(e.parameters), e.format, e.status, e.outcome, e.durationMs]),
      ]),
    );
  }
}
