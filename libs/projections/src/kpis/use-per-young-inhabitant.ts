import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { ratio } from '@jugendamt/domain';
import { casesOfYear } from './aid-counts.js';
import { costs } from './chronicle-kpis.js';
import type { KpiScope } from './kpi-query.js';
import { populationGap, youngPopulation, type AreaPopulation, type PopulationGap } from './young-population.js';

/** Social area, and within it (or the office) one breakdown: setting or paragraph, not their cross. */
export const USE_DIMENSIONS = ['socialArea', 'setting', 'paragraph'] as const;
export type UseDimension = (typeof USE_DIMENSIONS)[number];

export interface UsePerYoungInhabitantQuery extends KpiScope {
  readonly year: number;
  readonly by: readonly UseDimension[];
}

export interface YoungPopulationUsed {
  /** Residents under 21 the rates divide by; null where there is none (then `gap` says why). */
  readonly young: number | null;
  /** The Stichtage used: of the group's social area, or of every social area summed for the office. */
  readonly stichtage: readonly string[];
  readonly gap: PopulationGap | null;
  /** For the office: social areas with aids or costs whose population is missing, so not in the sum. */
  readonly areasWithout?: readonly string[];
}

export interface UsePerYoungInhabitantRow {
  readonly group: Readonly<Partial<Record<UseDimension, string | null>>>;
  /** Fallzahl of the year (docs/kpis.md 2) and the stock on 31.12. */
  readonly cases: number;
  readonly stock: number;
  readonly population: YoungPopulationUsed;
  /** Per 10,000 residents under 21, one decimal. */
  readonly casesPer10000: number | null;
  readonly stockPer10000: number | null;
  /** Net expenditure of the year (docs/kpis.md 7) and per young resident in euros, two decimals; only by office and social area. */
  readonly netCents: number | null;
  readonly netPerYoungInhabitant: number | null;
}

/**
 * docs/kpis.md 9: HzE aids and net costs of a year per young resident, by office and social area
 * (the aid's case's, as known at `asOf`) and within them by setting or paragraph.
 */
export async function usePerYoungInhabitant(db: Kysely<Database>, query: UsePerYoungInhabitantQuery): Promise<UsePerYoungInhabitantRow[]> {
  if (query.by.includes('setting') && query.by.includes('paragraph')) throw new RangeError('by setting and by paragraph are two breakdowns, not one');
  const byArea = query.by.includes('socialArea');
  const breakdown = query.by.some((d) => d !== 'socialArea');
  const year = { from: `${query.year}-01-01`, to: `${query.year}-12-31` };
  // Always by social area: the office's figures are the sums of its areas' (each aid and entry
  // has one area or none), and the areas in use tell which populations the office's must hold.
  const [populations, ofAreas, spent] = await Promise.all([
    youngPopulation(db, query),
    casesOfYear(db, { ...query, by: byArea ? query.by : ['socialArea', ...query.by] }),
    costs(db, { tenantId: query.tenantId, asOf: query.asOf, ...year, by: ['socialArea'], granularity: 'total' }),
  ]);
  const populationOf = new Map(populations.map((p) => [p.socialArea, p]));
  const netOf = new Map(spent.map((c) => [c.group.socialArea ?? null, c.netCents]));

  const groups = new Map<string, { group: UsePerYoungInhabitantRow['group']; cases: number; stock: number }>();
  for (const row of ofAreas) {
    const group = byArea ? row.group : withoutArea(row.group);
    const key = JSON.stringify(group);
    const sum = groups.get(key) ?? { group, cases: 0, stock: 0 };
    groups.set(key, { group, cases: sum.cases + row.cases, stock: sum.stock + row.stock });
  }
  if (!breakdown) {
    // Every social area with a population or costs has a row, with or without aids.
    const areas = byArea ? [...populationOf.keys(), ...netOf.keys()] : [undefined];
    for (const area of areas) {
      const group = byArea ? { socialArea: area ?? null } : {};
      if (!groups.has(JSON.stringify(group))) groups.set(JSON.stringify(group), { group, cases: 0, stock: 0 });
    }
  }
  const inUse = [...ofAreas.filter((r) => r.cases > 0), ...spent].flatMap((r) => (r.group.socialArea ? [r.group.socialArea] : []));
  const office = byArea ? undefined : officePopulation(populations, inUse);
  const officeNet = spent.reduce((sum, c) => sum + c.netCents, 0);
  return [...groups.values()].map(({ group, cases, stock }) => {
    const population = office ?? areaPopulation(group.socialArea ?? null, populationOf);
    const net = breakdown ? null : byArea ? (netOf.get(group.socialArea ?? null) ?? 0) : officeNet;
    const young = population.young ?? 0;
    return {
      group,
      cases,
      stock,
      population,
      casesPer10000: population.young ? ratio(cases * 10_000, young, 1) : null,
      stockPer10000: population.young ? ratio(stock * 10_000, young, 1) : null,
      netCents: net,
      netPerYoungInhabitant: population.young && net !== null ? ratio(net, young * 100, 2) : null,
    };
  });
}

function withoutArea({ socialArea: _, ...rest }: UsePerYoungInhabitantRow['group']): UsePerYoungInhabitantRow['group'] {
  return rest;
}

function areaPopulation(area: string | null, populationOf: ReadonlyMap<string, AreaPopulation>): YoungPopulationUsed {
  if (area === null) return { young: null, stichtage: [], gap: 'no-social-area' };
  const population = populationOf.get(area);
  const gap = populationGap(population);
  return { young: gap ? null : population!.young, stichtage: population ? [population.stichtag] : [], gap };
}

/** The office's young population: the sum over its social areas, each from its own Stichtag. */
function officePopulation(populations: readonly AreaPopulation[], inUse: readonly string[]): YoungPopulationUsed {
  const usable = populations.filter((p) => p.young !== null);
  const young = usable.reduce((sum, p) => sum + p.young!, 0);
  const known = new Set(usable.map((p) => p.socialArea));
  const areasWithout = [...new Set(inUse.filter((area) => !known.has(area)))].sort();
  const stichtage = [...new Set(usable.map((p) => p.stichtag))].sort();
  const gap = usable.length === 0 ? 'no-population' : young === 0 ? 'zero' : null;
  return { young: gap ? null : young, stichtage, gap, areasWithout };
}
