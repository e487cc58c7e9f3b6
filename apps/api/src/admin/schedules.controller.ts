import { BadRequestException, Body, Delete, Get, HttpCode, NotFoundException, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { z } from 'zod';
import { DEFAULT_SCHEDULE_TIME_ZONE, deleteSchedule, listSchedules, saveSchedule, scheduleProblem, type ImportSchedule } from '@jugendamt/ingest-pipeline';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { ApiBodyOf, Validated } from '../http/validated.js';
import { ApiAnswerOf } from '../openapi/api-answer.js';
import { AdminController } from './admin-controller.decorator.js';
import { runtimeOfOffice } from './import-runtime.provider.js';
import { OfficeAdministration } from './office-administration.js';
import { lastRunsOf, scheduleAnswer, scheduleListAnswer, scheduleViewOf } from './schedule-answers.js';

const scheduleBody = z.strictObject({
  cron: z.string().min(1).describe('Cron expression: five fields (minute hour day month weekday), or six with seconds first. Example: "30 5 * * *" = every day at 05:30'),
  timeZone: z.string().default(DEFAULT_SCHEDULE_TIME_ZONE).describe('Time zone the expression is read in (default Europe/Berlin, summer time included)'),
  paused: z.boolean().default(false),
});

/** When each source is imported: one schedule per source, kept in PostgreSQL, fired by the queue. */
@AdminController('schedules', 'imports')
export class SchedulesController extends OfficeAdministration {
  @Get()
  @ApiOperation({ summary: 'Every schedule with its next three runs and its last run' })
  @ApiAnswerOf(scheduleListAnswer, 'The stored schedules; a source without one is not imported automatically')
  async list(@Caller() caller: Principal): Promise<z.output<typeof scheduleListAnswer>> {
    const { runner } = runtimeOfOffice(this.runtime, caller.tenantId);
    const [schedules, lastRuns] = await Promise.all([listSchedules(this.db, caller.tenantId), lastRunsOf(runner)]);
    return { schedules: schedules.map((schedule) => ({ ...scheduleViewOf(schedule), lastRun: lastRuns.get(schedule.source) ?? null })) };
  }

  @Put(':source')
  @ApiOperation({ summary: 'Create or change the schedule of a source' })
  @ApiParam({ name: 'source', example: 'webfm_faelle' })
  @ApiBodyOf(scheduleBody)
  @ApiAnswerOf(scheduleAnswer, 'The schedule as stored, with its next runs')
  async put(@Caller() caller: Principal, @Param('source') source: string, @Body(new Validated(scheduleBody)) body: z.output<typeof scheduleBody>): Promise<z.output<typeof scheduleAnswer>> {
    const runtime = runtimeOfOffice(this.runtime, caller.tenantId);
    const schedule = { source, ...body } as ImportSchedule;
    const problem = scheduleProblem(schedule);
    if (problem)
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: problem,
        errors: [{ field: problem.startsWith('unknown source') ? 'source' : problem.startsWith('unknown time zone') ? 'timeZone' : 'cron', message: problem }],
      });
    await saveSchedule(this.db, caller.tenantId, schedule);
    await runtime.syncSchedules();
    return scheduleViewOf(schedule);
  }

  @Post(':source/pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause a schedule (it stays stored, and fires again when resumed)' })
  @ApiAnswerOf(scheduleAnswer, 'The paused schedule: no next runs')
  pause(@Caller() caller: Principal, @Param('source') source: string) {
    return this.setPaused(caller, source, true);
  }

  @Post(':source/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume a paused schedule' })
  @ApiAnswerOf(scheduleAnswer, 'The resumed schedule with its next runs')
  resume(@Caller() caller: Principal, @Param('source') source: string) {
    return this.setPaused(caller, source, false);
  }

  @Delete(':source')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the schedule of a source' })
  async remove(@Caller() caller: Principal, @Param('source') source: string) {
    const runtime = runtimeOfOffice(this.runtime, caller.tenantId);
    if (!(await deleteSchedule(this.db, caller.tenantId, source))) throw new NotFoundException(`no schedule for ${source}`);
    await runtime.syncSchedules();
  }

  private async setPaused(caller: Principal, source: string, paused: boolean): Promise<z.output<typeof scheduleAnswer>> {
    const runtime = runtimeOfOffice(this.runtime, caller.tenantId);
    const schedule = (await listSchedules(this.db, caller.tenantId)).find((s) => s.source === source);
    if (!schedule) throw new NotFoundException(`no schedule for ${source}`);
    const changed = { ...schedule, paused };
    await saveSchedule(this.db, caller.tenantId, changed);
    await runtime.syncSchedules();
    return scheduleViewOf(changed);
  }
}
