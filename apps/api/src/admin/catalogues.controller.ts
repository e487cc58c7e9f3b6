import { Body, Get, NotFoundException, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { z } from 'zod';
import { CATALOGUE_NAMES, CATALOGUE_SCHEMAS, isCatalogueName, saveCatalogue, type CatalogueName } from '@jugendamt/projections';
import { Caller } from '../access/caller.decorator.js';
import type { Principal } from '../access/role.js';
import { ApiBodyOf, ApiQueryOf, Validated } from '../http/validated.js';
import { ApiAnswerOf } from '../openapi/api-answer.js';
import { catalogueListAnswer, catalogueOneAnswer, catalogueSavedAnswer } from './catalogue-answers.js';
import { catalogueVersionHistory, catalogueVersionView, catalogueView } from './catalogue-views.js';
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
  @ApiAnswerOf(catalogueListAnswer, 'The catalogues in their current versions, with when and by whom each was stored')
  async list(@Caller() caller: Principal): Promise<z.output<typeof catalogueListAnswer>> {
    return { catalogues: await Promise.all(CATALOGUE_NAMES.map((name) => catalogueView(this.db, caller.tenantId, name))) };
  }

  @Get(':name')
  @ApiOperation({ summary: 'One catalogue with its history of versions; version=n shows a former one' })
  @ApiParam({ name: 'name', enum: CATALOGUE_NAMES })
  @ApiQueryOf(versionFields)
  @ApiAnswerOf(catalogueOneAnswer, 'The version asked for (the current one without version=), with every version of the catalogue')
  async one(@Caller() caller: Principal, @Param('name') rawName: string, @Query(new Validated(versionFields)) query: z.output<typeof versionFields>): Promise<z.output<typeof catalogueOneAnswer>> {
    const name = catalogueNamed(rawName);
    const versions = await catalogueVersionHistory(this.db, caller.tenantId, name);
    if (query.version === undefined) return { ...(await catalogueView(this.db, caller.tenantId, name)), versions };
    const stamp = versions.find((v) => v.version === query.version);
    if (!stamp) throw new NotFoundException(`catalogue ${name} has no version ${query.version}`);
    return { ...(await catalogueVersionView(this.db, caller.tenantId, name, stamp)), versions };
  }

  @Put(':name')
  @ApiOperation({ summary: 'Store an edited catalogue as its next version; the projections it shapes are rebuilt unless rebuild=false' })
  @ApiParam({ name: 'name', enum: CATALOGUE_NAMES })
  @ApiQueryOf(saveFields)
  @ApiBodyOf(anyCatalogue)
  @ApiAnswerOf(catalogueSavedAnswer, 'The stored version, and the rebuild job started for it')
  async save(
    @Caller() caller: Principal,
    @Param('name') rawName: string,
    @Query(new Validated(saveFields)) query: z.output<typeof saveFields>,
    @Body() body: unknown,
  ): Promise<z.output<typeof catalogueSavedAnswer>> {
    const name = catalogueNamed(rawName);
    const runtime = runtimeOfOffice(this.runtime, caller.tenantId);
    const content = new Validated(CATALOGUE_SCHEMAS[name]).transform(body);
    // Who changed it, as the import decisions name their decider: role and token id or sign-on subject.
    await saveCatalogue(this.db, caller.tenantId, name, content, `${caller.role}:${caller.subject}`);
    const view = await catalogueView(this.db, caller.tenantId, name);
    const rebuildJob = query.rebuild === 'true' && view.rebuildPending.length ? await runtime.runner.submit({ kind: 'rebuild', projections: view.rebuildPending }) : undefined;
    return { ...view, rebuildJob };
  }
}
