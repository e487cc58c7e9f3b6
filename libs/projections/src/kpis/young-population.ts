import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { knownAt } from './knowledge-time.js';
import { servingGeneration, type KpiScope } from './kpi-query.js';

/** The young population: residents aged 0 to 20, "under 21" as the statistics count HzE (docs/kpis.md 9). */
export const YOUNG_AGE_LIMIT = 21;

/**
 * Why a group has no population to relate to: none known for its social area up to the year's
 * end, a population of 0, a band that reaches across age 21, or aids whose case names no
 * social area.
 */
export type PopulationGap = 'no-population' | 'zero' | 'band-crosses-21' | 'no-social-area';

export interface AreaPopulation {
  readonly socialArea: string;
  /** The Stichtag used: 31.12. of the year, or the latest before it known at `asOf`. */
  readonly stichtag: string;
  /** Residents aged 0 to 20; null where a band reaches across age 21 and cannot be split. */
  readonly young: number | null;
  /** Ages under 21 that no band of the Stichtag covers (normally none). */
  readonly uncoveredAges: readonly number[];
}

interface BandRow {
  social_area: string;
  stichtag: string;
  age_from: number;
  age_to: number;
  residents: number;
}

/**
 * The young population of a year per social area, as known at `asOf`: from the Stichtag 31.12.
 * of the year, or where that is missing the latest Stichtag before it, chosen per social area.
 */
export async function youngPopulation(db: Kysely<Database>, query: KpiScope & { readonly year: number }): Promise<AreaPopulation[]> {
  const generation = await servingGeneration(db, query.tenantId, 'population-history');
  const { rows } = await sql<BandRow>`
    SELECT social_area, stichtag::text AS stichtag, age_from, age_to, residents
    FROM (
      SELECT p.*, max(p.stichtag) OVER (PARTITION BY p.social_area) AS chosen
      FROM population_versions p
      WHERE p.tenant_id = ${query.tenantId} AND p.generation = ${generation} AND ${knownAt('p', query.asOf)}
        AND p.stichtag <= ${`${query.year}-12-31`}::date
    ) p
    WHERE p.stichtag = p.chosen
    ORDER BY social_area COLLATE "C", age_from`.execute(db);
  const bands = new Map<string, BandRow[]>();
  for (const row of rows) bands.set(row.social_area, [...(bands.get(row.social_area) ?? []), row]);
  return [...bands].map(([socialArea, ofArea]) => populationOf(socialArea, ofArea));
}

function populationOf(socialArea: string, bands: readonly BandRow[]): AreaPopulation {
  const covered = new Set<number>();
  let young = 0;
  let crosses = false;
  for (const band of bands) {
    if (band.age_from >= YOUNG_AGE_LIMIT) continue;
    if (band.age_to >= YOUNG_AGE_LIMIT) crosses = true;
    else young += band.residents;
    for (let age = band.age_from; age <= Math.min(band.age_to, YOUNG_AGE_LIMIT - 1); age++) covered.add(age);
  }
  const uncoveredAges = Array.from({ length: YOUNG_AGE_LIMIT }, (_, age) => age).filter((age) => !covered.has(age));
  return { socialArea, stichtag: bands[0]!.stichtag, young: crosses ? null : young, uncoveredAges };
}

/** Why a population cannot carry a rate, or null when it can. */
export function populationGap(population: AreaPopulation | undefined): PopulationGap | null {
  if (!population) return 'no-population';
  if (population.young === null) return 'band-crosses-21';
  return population.young === 0 ? 'zero' : null;
}
