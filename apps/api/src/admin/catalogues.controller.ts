import { Body, Get, NotFoundException, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { z } from 'zod';
import { CATALOGUE_NAMES, CATALOGUE_SCHEMAS, catalogueAt, catalogueHistory, isCatalogueName, saveCatalogue, type CatalogueName } from '@jugendamt/projections';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { ApiBodyOf, ApiQueryOf, Validated } from '../http/validated.js';
import { catalogueView } from './catalogue-views.js';
import { AdminController } from './admin-controller.decorator.js';
import { runtimeOfOffice } from './import-runtime.provider.js';
import { OfficeAdministration } from './office-administration.js';

const versionFields = z.strictObject({
  version: z.coerce.number().int().min(0).optional().describe('A former version (0: the shipped default); without it, the current one'),
});

const saveFields = z.strictObject({
  rebuild: z.enum(['true', 'false']).default('true').describe('Rebuild the projections the catalogue shapes at once (an import job); false: later, e.g. after editing several'),
});

const anyCatalogue = z.union(Object.values(CATALOGUE_SCHEMAS)).describe('The whole catalogue as GET returns its content; the schema depends on the name');

function catalogueNamed(name: string): CatalogueName {
  if (!isCatalogueName(name)) throw new NotFoundException(`no catalogue "${name}"; there are ${CATALOGUE_NAMES.join(', ')}`);
  return name;
}

/**
 * The office's rules behind the KPIs (docs/kpis.md): aid types, counted 14plus entry types,
 * staffing figures, process times. Every edit is a new version; none is ever overwritten.
 */
@AdminController('catalogues', 'catalogues')
export class CataloguesController extends OfficeAdministration {
  @Get()
  @ApiOperation({ summary: 'Every catalogue: current version, content, and whether the numbers follow it yet' })
  async list(@Caller() caller: Principal) {
    return { catalogues: await Promise.all(CATALOGUE_NAMES.map((name) => catalogueView(this.db, caller.tenantId, name))) };
  }

  @Get(':name')
  @ApiOperation({ summary: 'One catalogue with its history of versions; version=n shows a former one' })
  @ApiParam({ name: 'name', enum: CATALOGUE_NAMES })
  @ApiQueryOf(versionFields)
  async one(@Caller() caller: Principal, @Param('name') rawName: string, @Query(new Validated(versionFields)) query: z.output<typeof versionFields>) {
    const name = catalogueNamed(rawName);
    const history = await catalogueHistory(this.db, caller.tenantId, name);
    const versions = [...history, { version: 0, createdAt: null }];
    if (query.version === undefined) return { ...(await catalogueView(this.db, caller.tenantId, name)), versions };
    if (!versions.some((v) => v.version === query.version)) throw new NotFoundException(`catalogue ${name} has no version ${query.version}`);
    return { name, version: query.version, content: await catalogueAt(this.db, caller.tenantId, name, query.version), versions };
  }

  @Put(':name')
  @ApiOperation({ summary: 'Store an edited catalogue as its next version; the projections it shapes are rebuilt unless rebuild=false' })
  @ApiParam({ name: 'name', enum: CATALOGUE_NAMES })
  @ApiQueryOf(saveFields)
  @ApiBodyOf(anyCatalogue)
  async save(@Caller() caller: Principal, @Param('name') rawName: string, @Query(new Validated(saveFields)) query: z.output<typeof saveFields>, @Body() body: unknown) {
    const name = catalogueNamed(rawName);
    const runtime = runtimeOfOffice(this.runtime, caller.tenantId);
    const content = new Validated(CATALOGUE_SCHEMAS[name]).transform(body);
    await saveCatalogue(this.db, caller.tenantId, name, content);
    const view = await catalogueView(this.db, caller.tenantId, name);
    const rebuildJob = query.rebuild === 'true' && view.rebuildPending.length ? await runtime.runner.submit({ kind: 'rebuild', projections: view.rebuildPending }) : undefined;
    return { ...view, rebuildJob };
  }
}
