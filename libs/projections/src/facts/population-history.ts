import { POPULATION_EVENTS, populationRecordId, type PopulationRecord, type PopulationEvent } from '@jugendamt/domain';
import type { Projection } from '../runtime/projection.js';
import { factChange, writeFactChanges, type VersionedTable } from './versioned-facts.js';

interface PopulationFact {
  stichtag: string;
  social_area: string;
  age_from: number;
  age_to: number;
  residents: number;
}

const POPULATION: VersionedTable<PopulationFact> = {
  table: 'population_versions',
  idColumn: 'population_id',
  columns: { stichtag: 'date', social_area: 'text', age_from: 'integer', age_to: 'integer', residents: 'integer' },
};

/** The young population per social area, band and Stichtag, as known over time (docs/kpis.md 9). */
export const populationHistory: Projection<PopulationEvent> = {
  name: 'population-history',
  eventTypes: POPULATION_EVENTS,
  catalogues: [],
  tables: ['population_versions'],
  async apply(ctx, events) {
    const changes = events.map((event) =>
      factChange<PopulationRecord, PopulationFact>(event, populationRecordId, (p) => ({
        stichtag: p.stichtag,
        social_area: p.socialArea,
        age_from: p.ageFrom,
        age_to: p.ageTo,
        residents: p.residents,
      })),
    );
    await writeFactChanges(ctx.trx, ctx.tenantId, ctx.generation, POPULATION, changes);
  },
};
