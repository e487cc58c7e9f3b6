import { existsSync } from 'node:fs';
import { Body, ConflictException, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { csvDownload } from '../http/csv-download.js';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { EXPORT_SOURCES, parseExportFileName } from '@jugendamt/domain';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { plainFileName } from '../http/plain-file-name.js';
import { ApiBodyOf, ApiQueryOf, Validated } from '../http/validated.js';
import { ApiAcceptedAnswerOf, ApiAnswerOf } from '../openapi/api-answer.js';
import { findingsCsv } from './findings-csv.js';
import { confirmAnswer, findingsAnswer, importAnswer, importListAnswer, rejectAnswer } from './import-answers.js';
import { findImportRecord, findingsOf, listImports, recordDecision } from './import-history.js';
import { IMPORT_STATUSES } from './import-statuses.js';
import { AdminController } from './admin-controller.decorator.js';
import { runtimeOfOffice } from './import-runtime.provider.js';
import { OfficeAdministration } from './office-administration.js';
import { startAnswer } from './queue-answers.js';

const listFields = z.strictObject({
  source: z.enum(EXPORT_SOURCES).optional(),
  status: z.enum(IMPORT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});

const findingsFields = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });

const startBody = z.union([
  z.strictObject({ file: plainFileName.describe('Name of an export file waiting in the inbox') }),
  z.strictObject({ source: z.enum(EXPORT_SOURCES).describe('Import every file of this source waiting in the inbox') }),
]);

/** The import history, the data-quality reports, and the administrator's verdict on held imports. */
@AdminController('imports', 'imports')
export class ImportsController extends OfficeAdministration {
  @Get()
  @ApiOperation({ summary: 'Imports, newest first: status, counts, duration, decision' })
  @ApiQueryOf(listFields)
  @ApiAnswerOf(importListAnswer, 'The imports, newest first')
  async list(@Caller() caller: Principal, @Query(new Validated(listFields)) query: z.output<typeof listFields>): Promise<z.output<typeof importListAnswer>> {
    return { imports: await listImports(this.db, caller.tenantId, query) };
  }

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Import a file waiting in the inbox, or every waiting file of a source' })
  @ApiBodyOf(startBody)
  @ApiAcceptedAnswerOf(startAnswer, 'The job importing the file, or the waiting files of the source')
  async start(@Caller() caller: Principal, @Body(new Validated(startBody)) body: z.output<typeof startBody>): Promise<z.output<typeof startAnswer>> {
    const runtime = runtimeOfOffice(this.runtime, caller.tenantId);
    if ('source' in body) return { job: await runtime.runner.submit({ kind: 'source', source: body.source }) };
    const path = runtime.inbox.pathOf(body.file);
    if (!parseExportFileName(body.file).ok || !existsSync(path)) throw new NotFoundException(`${body.file} is not waiting in the inbox`);
    return { job: await runtime.runner.submit({ kind: 'file', file: body.file }) };
  }

  @Get(':importId')
  @ApiOperation({ summary: 'One import, with the number of its findings per severity' })
  @ApiAnswerOf(importAnswer, 'The import, with what confirming it deletes when it is held')
  async one(@Caller() caller: Principal, @Param('importId', ParseUUIDPipe) importId: string): Promise<z.output<typeof importAnswer>> {
    const record = await this.recordOf(caller, importId);
    const findings = await findingsOf(this.db, caller.tenantId, importId);
    const findingCounts = { error: 0, warning: 0, info: 0 };
    for (const f of findings) findingCounts[f.severity]++;
    return { ...record, findingCounts };
  }

  @Get(':importId/findings')
  @ApiOperation({ summary: 'The data-quality report: every finding with file, line, column and reason (CSV for the teams)' })
  @ApiQueryOf(findingsFields)
  @ApiProduces('application/json', 'text/csv')
  @ApiAnswerOf(findingsAnswer, 'The findings in file order (format=csv: the same as a spreadsheet with German headings)')
  async findings(
    @Caller() caller: Principal,
    @Param('importId', ParseUUIDPipe) importId: string,
    @Query(new Validated(findingsFields)) query: z.output<typeof findingsFields>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<z.output<typeof findingsAnswer> | StreamableFile> {
    const record = await this.recordOf(caller, importId);
    const findings = await findingsOf(this.db, caller.tenantId, importId);
    if (query.format === 'json') return { importId, file: record.file, status: record.status, findings };
    return csvDownload(reply, `Datenqualitaet_${record.file.replace(/\.csv$/i, '')}.csv`, findingsCsv(record.file, findings));
  }

  @Post(':importId/confirm')
  @HttpCode(202)
  @ApiOperation({ summary: 'Confirm a held snapshot: it is applied, deletions included' })
  @ApiAcceptedAnswerOf(confirmAnswer, 'The decision and the job that applies the snapshot')
  async confirm(@Caller() caller: Principal, @Param('importId', ParseUUIDPipe) importId: string): Promise<z.output<typeof confirmAnswer>> {
    const runtime = runtimeOfOffice(this.runtime, caller.tenantId);
    await this.heldUndecided(caller, importId);
    // The decision and the job stand or fall together: no confirmation without its job.
    return this.db.transaction().execute(async (trx) => {
      if (!(await recordDecision(trx, caller.tenantId, importId, 'confirmed', decidedBy(caller)))) throw new ConflictException(`import ${importId} was decided meanwhile`);
      return { decision: 'confirmed' as const, job: await runtime.runner.submit({ kind: 'confirm', importId }) };
    });
  }

  @Post(':importId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject a held snapshot: nothing of it is applied, and a job moves the file to rejected/' })
  @ApiAnswerOf(rejectAnswer, 'The decision, the import with it, and the job that moves its file')
  async reject(@Caller() caller: Principal, @Param('importId', ParseUUIDPipe) importId: string): Promise<z.output<typeof rejectAnswer>> {
    const runtime = runtimeOfOffice(this.runtime, caller.tenantId);
    const record = await this.heldUndecided(caller, importId);
    if (!(await recordDecision(this.db, caller.tenantId, importId, 'rejected', decidedBy(caller)))) throw new ConflictException(`import ${importId} was decided meanwhile`);
    const job = await runtime.runner.submit({ kind: 'reject', importId: record.importId });
    return { decision: 'rejected', import: await this.recordOf(caller, importId), job };
  }

  private async recordOf(caller: Principal, importId: string) {
    const record = await findImportRecord(this.db, caller.tenantId, importId);
    if (!record) throw new NotFoundException(`no import ${importId}`);
    return record;
  }

  private async heldUndecided(caller: Principal, importId: string) {
    const record = await this.recordOf(caller, importId);
    if (record.status !== 'held') throw new ConflictException(`import ${importId} is ${record.status}, not held`);
    if (record.decision) throw new ConflictException(`import ${importId} was ${record.decision.decision} by ${record.decision.decidedBy} at ${record.decision.decidedAt}`);
    return record;
  }
}

/** Who decided, as the log may name them: the role and the token id or sign-on subject. */
function decidedBy(caller: Principal): string {
  return `${caller.role}:${caller.subject}`;
}
