import { ConflictException, Get, HttpCode, Inject, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import type { ImportRuntime } from '@jugendamt/ingest-pipeline';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { ApiQueryOf, Validated } from '../http/validated.js';
import { ApiAcceptedAnswerOf, ApiAnswerOf } from '../openapi/api-answer.js';
import { AdminController } from './admin-controller.decorator.js';
import { IMPORT_RUNTIME, runtimeOfOffice } from './import-runtime.provider.js';
import { jobAnswer, jobListAnswer } from './queue-answers.js';

const listFields = z.strictObject({
  state: z.enum(['waiting', 'active', 'delayed', 'completed', 'failed']).optional().describe('Only jobs in this state (failed: the failed-jobs list)'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** The import queue: what waits, runs, retries after a fault, or failed for good. */
@AdminController('jobs', 'imports')
export class JobsController {
  constructor(@Inject(IMPORT_RUNTIME) private readonly runtime: ImportRuntime) {}

  @Get()
  @ApiOperation({ summary: 'Import jobs, newest first; state=failed gives the failed-jobs list' })
  @ApiQueryOf(listFields)
  @ApiAnswerOf(jobListAnswer, 'The jobs, newest first, and who runs them')
  async list(@Caller() caller: Principal, @Query(new Validated(listFields)) query: z.output<typeof listFields>): Promise<z.output<typeof jobListAnswer>> {
    const { runner } = runtimeOfOffice(this.runtime, caller.tenantId);
    const jobs = await runner.list(query.state ? 500 : query.limit);
    return { runner: runner.kind, jobs: jobs.filter((j) => !query.state || j.state === query.state).slice(0, query.limit) };
  }

  @Get(':jobId')
  @ApiOperation({ summary: 'One job with its log: each attempt, each fault, what it imported' })
  @ApiAnswerOf(jobAnswer, 'The job: its state, how far it has read, its result or fault, its log')
  async one(@Caller() caller: Principal, @Param('jobId') jobId: string): Promise<z.output<typeof jobAnswer>> {
    const job = await runtimeOfOffice(this.runtime, caller.tenantId).runner.get(jobId);
    if (!job) throw new NotFoundException(`no job ${jobId}`);
    return job;
  }

  @Post(':jobId/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Run a failed job again (its file is imported if not applied meanwhile)' })
  @ApiAcceptedAnswerOf(jobAnswer, 'The job, waiting for its new first attempt')
  async retry(@Caller() caller: Principal, @Param('jobId') jobId: string): Promise<z.output<typeof jobAnswer>> {
    const { runner } = runtimeOfOffice(this.runtime, caller.tenantId);
    const job = await runner.get(jobId);
    if (!job) throw new NotFoundException(`no job ${jobId}`);
    const retried = await runner.retry(jobId);
    if (!retried) throw new ConflictException(`job ${jobId} is ${job.state}, not failed`);
    return retried;
  }
}
