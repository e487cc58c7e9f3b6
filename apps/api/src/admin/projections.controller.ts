import { Body, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import { activeGeneration, catalogueVersions, PROJECTIONS, projectionLags } from '@jugendamt/projections';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { ApiBodyOf, Validated } from '../http/validated.js';
import { ApiAcceptedAnswerOf, ApiAnswerOf } from '../openapi/api-answer.js';
import { AdminController } from './admin-controller.decorator.js';
import { runtimeOfOffice } from './import-runtime.provider.js';
import { importJobAnswer } from './job-answer.js';
import { OfficeAdministration } from './office-administration.js';
import { projectionListAnswer } from './projection-answers.js';
import { generationFacts, lastRebuildOf } from './projection-generations.js';

const projectionNames = PROJECTIONS.map((p) => p.name) as [string, ...string[]];

const rebuildBody = z.strictObject({
  projections: z.array(z.enum(projectionNames)).min(1).optional().describe('Which to rebuild; all when left out'),
});

/** The KPI tables: which generation serves, built with which catalogues, how far behind the log. */
@AdminController('projections', 'catalogues')
export class ProjectionsController extends OfficeAdministration {
  @Get()
  @ApiOperation({ summary: 'Each projection: serving generation, catalogue versions it was built with, events behind, catalogues changed since, a rebuild under way; and the last rebuild job' })
  @ApiAnswerOf(projectionListAnswer, 'The projections and the newest rebuild')
  async list(@Caller() caller: Principal): Promise<z.output<typeof projectionListAnswer>> {
    const { runner } = runtimeOfOffice(this.runtime, caller.tenantId);
    const lags = await projectionLags(this.db, caller.tenantId);
    const projections = await Promise.all(
      PROJECTIONS.map(async (projection) => {
        const active = await activeGeneration(this.db, caller.tenantId, projection.name);
        const builtWith = active?.catalogueVersions ?? {};
        const current = await catalogueVersions(this.db, caller.tenantId, projection.catalogues);
        const changed = projection.catalogues.filter((name) => current[name] !== builtWith[name]);
        return {
          projection: projection.name,
          generation: active?.generation ?? null,
          catalogueVersions: builtWith,
          eventsBehind: lags.find((l) => l.projection === projection.name)!.eventsBehind,
          cataloguesChangedSince: active ? changed : [],
          ...(await generationFacts(this.db, caller.tenantId, projection)),
        };
      }),
    );
    return { projections, lastRebuild: await lastRebuildOf(runner) };
  }

  @Post('rebuild')
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild projections from the first event beside the serving ones, then switch (an import job)' })
  @ApiBodyOf(rebuildBody)
  @ApiAcceptedAnswerOf(importJobAnswer, 'The rebuild job, waiting in the import queue')
  rebuild(@Caller() caller: Principal, @Body(new Validated(rebuildBody)) body: z.output<typeof rebuildBody>): Promise<z.output<typeof importJobAnswer>> {
    const { runner } = runtimeOfOffice(this.runtime, caller.tenantId);
    return runner.submit({ kind: 'rebuild', projections: body.projections ?? projectionNames });
  }
}
