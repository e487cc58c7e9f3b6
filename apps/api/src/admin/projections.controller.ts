import { Body, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';
import { activeGeneration, catalogueVersions, PROJECTIONS, projectionLags } from '@jugendamt/projections';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { ApiBodyOf, Validated } from '../http/validated.js';
import { AdminController } from './admin-controller.decorator.js';
import { runtimeOfOffice } from './import-runtime.provider.js';
import { OfficeAdministration } from './office-administration.js';

const projectionNames = PROJECTIONS.map((p) => p.name) as [string, ...string[]];

const rebuildBody = z.strictObject({
  projections: z.array(z.enum(projectionNames)).min(1).optional().describe('Which to rebuild; all when left out'),
});

/** The KPI tables: which generation serves, built with which catalogues, how far behind the log. */
@AdminController('projections', 'catalogues')
export class ProjectionsController extends OfficeAdministration {
  @Get()
  @ApiOperation({ summary: 'Each projection: serving generation, catalogue versions it was built with, events behind, catalogues changed since' })
  async list(@Caller() caller: Principal) {
    const lags = await projectionLags(this.db, caller.tenantId);
    const projections = await Promise.all(
      PROJECTIONS.map(async (projection) => {
        const active = await activeGeneration(this.db, caller.tenantId, projection.name);
        const builtWith = active?.catalogueVersions ?? {};
        const current = await catalogueVersions(this.db, caller.tenantId, projection.catalogues);
        const changed = projection.catalogues.filter((name) => current[name] !== builtWith[name]);
        return { projection: projection.name, generation: active?.generation ?? null, catalogueVersions: builtWith, eventsBehind: lags.find((l) => l.projection === projection.name)!.eventsBehind, cataloguesChangedSince: active ? changed : [] };
      }),
    );
    return { projections };
  }

  @Post('rebuild')
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild projections from the first event beside the serving ones, then switch (an import job)' })
  @ApiBodyOf(rebuildBody)
  rebuild(@Caller() caller: Principal, @Body(new Validated(rebuildBody)) body: z.output<typeof rebuildBody>) {
    const { runner } = runtimeOfOffice(this.runtime, caller.tenantId);
    return runner.submit({ kind: 'rebuild', projections: body.projections ?? projectionNames });
  }
}
