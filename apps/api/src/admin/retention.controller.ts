import { Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { z } from 'zod';
import { unlinkAfterRetention } from '@jugendamt/ingest-pipeline';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { ApiAcceptedAnswerOf, ApiAnswerOf } from '../openapi/api-answer.js';
import { AdminController } from './admin-controller.decorator.js';
import { runtimeOfOffice } from './import-runtime.provider.js';
import { importJobAnswer } from './job-answer.js';
import { OfficeAdministration } from './office-administration.js';
import { retentionAnswer } from './retention-answers.js';

/** Deletion after retention (docs/data-protection.md): what is due, and unlinking it now. */
@AdminController('retention', 'access log')
export class RetentionController extends OfficeAdministration {
  @Get()
  @ApiOperation({ summary: 'Dry run of the unlinking after retention: the periods, the schedule and the records due now; changes nothing (recorded in the access log)' })
  @ApiAnswerOf(retentionAnswer, 'What would be unlinked now')
  async dryRun(@Caller() caller: Principal): Promise<z.output<typeof retentionAnswer>> {
    const { retention } = runtimeOfOffice(this.runtime, caller.tenantId);
    const outcome = await unlinkAfterRetention(this.db, { tenantId: caller.tenantId, periods: retention.periods, dryRun: true, by: caller.subject });
    const { cases = [], aids = [], subProcesses = [], staff = [] } = outcome.records ?? {};
    return {
      periods: { ...outcome.periods },
      schedule: retention.schedule ?? null,
      counts: outcome.counts,
      records: outcome.records ? { cases: [...cases], aids: [...aids], subProcesses: [...subProcesses], staff: [...staff] } : null,
      ...(outcome.note ? { note: outcome.note } : {}),
    };
  }

  @Post('unlink')
  @HttpCode(202)
  @ApiOperation({ summary: 'Unlink the records due now (an import job, as the nightly schedule runs it)' })
  @ApiAcceptedAnswerOf(importJobAnswer, 'The unlinking job, waiting in the import queue')
  unlink(@Caller() caller: Principal): Promise<z.output<typeof importJobAnswer>> {
    return runtimeOfOffice(this.runtime, caller.tenantId).runner.submit({ kind: 'unlink', dryRun: false });
  }
}
