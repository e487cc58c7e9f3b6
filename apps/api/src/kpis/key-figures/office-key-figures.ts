import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import { caseloadPerFte, casesOfYear, costs, returnRate, socialAreaBudgets, staffFluctuation, staffingRequirement, usePerYoungInhabitant } from '@jugendamt/projections';
import { settingSharesOf } from '../setting-shares-of.js';

/** The office and year a key figure is read for, as known at `asOf`. */
export interface KeyFigureScope {
  readonly db: Kysely<Database>;
  readonly tenantId: string;
  readonly asOf: Date | undefined;
  readonly year: number;
}

export interface KeyFigureReading {
  /** null where the KPI has no value (no base, no population, no budget). */
  readonly value: number | null;
  /** The counts the value is made of: where one is 1 or 2, a published report hides it (docs/kpis.md, suppression). */
  readonly counts: readonly number[];
}

/** `1:x` is the Fachkraft-Fall-Relation's German form: one FTE to x aids. */
export type KeyFigureUnit = '' | '%' | '€' | '1:x' | 'je 10.000';

/** One figure of the office for a year, read from its KPI's query, never computed anew. */
export interface KeyFigure {
  readonly id: string;
  /** German, as controlling and the report read it. */
  readonly label: string;
  readonly unit: KeyFigureUnit;
  readonly digits: number;
  read(scope: KeyFigureScope): Promise<KeyFigureReading>;
}

/**
 * Two figures resting on one query (Fallzahl and stock, both per-inhabitant figures) ask it once
 * per scope: the readings of one scope object share their answers.
 */
const answersOf = new WeakMap<KeyFigureScope, Map<string, Promise<unknown>>>();
function once<T>(scope: KeyFigureScope, query: string, run: () => Promise<T>): Promise<T> {
  const answers = answersOf.get(scope) ?? new Map<string, Promise<unknown>>();
  answersOf.set(scope, answers);
  if (!answers.has(query)) answers.set(query, run());
  return answers.get(query) as Promise<T>;
}
const officeCasesOfYear = (scope: KeyFigureScope) => once(scope, 'casesOfYear', async () => (await casesOfYear(scope.db, { tenantId: scope.tenantId, asOf: scope.asOf, year: scope.year, by: [] }))[0]);
const officeUsePerYoungInhabitant = (scope: KeyFigureScope) =>
  once(scope, 'usePerYoungInhabitant', async () => (await usePerYoungInhabitant(scope.db, { tenantId: scope.tenantId, asOf: scope.asOf, year: scope.year, by: [] }))[0]);

const yearOf = (scope: KeyFigureScope) => ({ tenantId: scope.tenantId, asOf: scope.asOf, from: `${scope.year}-01-01`, to: `${scope.year}-12-31` });

/**
 * Caseload and staffing are defined per team (docs/kpis.md 5 and 6): the office's figure is the
 * team that needs attention, the most loaded or the least covered, not a figure the KPI does not define.
 */
const extreme = (values: readonly (number | null)[], pick: (a: number, b: number) => number): number | null => {
  const given = values.filter((value): value is number => value !== null);
  return given.length === 0 ? null : given.reduce((a, b) => pick(a, b));
};

/** The controlling overview's figures and the annual report's comparison with the year before. */
export const OFFICE_KEY_FIGURES: readonly KeyFigure[] = [
  {
    id: 'fallzahl',
    label: 'Fallzahl (Hilfen zur Erziehung)',
    unit: '',
    digits: 0,
    async read(scope) {
      const office = await officeCasesOfYear(scope);
      return { value: office?.cases ?? 0, counts: [office?.cases ?? 0] };
    },
  },
  {
    id: 'bestand',
    label: 'Bestand am 31.12.',
    unit: '',
    digits: 0,
    async read(scope) {
      const office = await officeCasesOfYear(scope);
      return { value: office?.stock ?? 0, counts: [office?.stock ?? 0] };
    },
  },
  {
    id: 'anteil-stationaer',
    label: 'Anteil stationärer Hilfen',
    unit: '%',
    digits: 1,
    async read(scope) {
      const shares = await settingSharesOf(scope.db, { ...yearOf(scope), team: undefined, includeEducationalCounselling: false });
      return { value: shares.shareStationary, counts: [shares.stationär, shares.ambulant + shares.teilstationär + shares.stationär] };
    },
  },
  {
    id: 'rueckfuehrungsquote',
    label: 'Rückführungsquote',
    unit: '%',
    digits: 1,
    async read(scope) {
      const [office] = await returnRate(scope.db, { ...yearOf(scope), by: [] });
      return { value: office?.rate ?? null, counts: [office?.numerator ?? 0, office?.denominator ?? 0] };
    },
  },
  {
    id: 'fluktuation',
    label: 'Fluktuation',
    unit: '%',
    digits: 1,
    async read(scope) {
      const office = (await staffFluctuation(scope.db, yearOf(scope))).find((row) => row.team === null);
      return { value: office?.rate ?? null, counts: [office?.leavers ?? 0] };
    },
  },
  {
    id: 'fachkraft-fall-relation',
    label: 'Fachkraft-Fall-Relation am 31.12., höchste eines Teams',
    unit: '1:x',
    digits: 1,
    async read(scope) {
      const teams = await caseloadPerFte(scope.db, { tenantId: scope.tenantId, asOf: scope.asOf, on: `${scope.year}-12-31` });
      const value = extreme(
        teams.map((team) => team.aidsPerFte),
        Math.max,
      );
      return { value, counts: teams.filter((team) => team.aidsPerFte === value).map((team) => team.aids) };
    },
  },
  {
    id: 'personalbedarf-deckung',
    label: 'Deckung des Personalbedarfs, niedrigste eines Teams',
    unit: '%',
    digits: 1,
    async read(scope) {
      const teams = await staffingRequirement(scope.db, yearOf(scope));
      return {
        value: extreme(
          teams.map((team) => team.coverage),
          Math.min,
        ),
        counts: [],
      };
    },
  },
  {
    id: 'nettokosten',
    label: 'Nettokosten (14plus)',
    unit: '€',
    digits: 2,
    async read(scope) {
      const [office] = await costs(scope.db, { ...yearOf(scope), by: [], granularity: 'total' });
      return { value: (office?.netCents ?? 0) / 100, counts: [] };
    },
  },
  {
    id: 'fallzahl-je-10000',
    label: 'Fallzahl je 10.000 Einwohner unter 21',
    unit: 'je 10.000',
    digits: 1,
    async read(scope) {
      const office = await officeUsePerYoungInhabitant(scope);
      return { value: office?.casesPer10000 ?? null, counts: [office?.cases ?? 0] };
    },
  },
  {
    id: 'netto-je-einwohner',
    label: 'Nettokosten je Einwohner unter 21',
    unit: '€',
    digits: 2,
    async read(scope) {
      const office = await officeUsePerYoungInhabitant(scope);
      return { value: office?.netPerYoungInhabitant ?? null, counts: [] };
    },
  },
  {
    id: 'budgetausschoepfung',
    label: 'Ausschöpfung der Sozialraumbudgets',
    unit: '%',
    digits: 1,
    async read(scope) {
      const budgets = await socialAreaBudgets(scope.db, { tenantId: scope.tenantId, asOf: scope.asOf, year: scope.year });
      return { value: budgets.office.utilisation, counts: [] };
    },
  },
];
