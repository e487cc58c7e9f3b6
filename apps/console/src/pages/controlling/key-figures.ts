import { api } from '../../api/client';

/** One key figure of a year for the office, as the API answers it. */
export interface KeyFigure {
  readonly id: string;
  readonly label: string;
  readonly digits: number;
  /** `1:x` is the Fachkraft-Fall-Relation's German form: one FTE to x aids. */
  readonly unit: '' | '%' | '€' | '1:x';
  /** The figure of a year as known at `asOf` (a date), or null where it has no value. */
  readonly of: (year: number, asOf: string | undefined) => Promise<number | null>;
}

const known = (asOf: string | undefined) => (asOf ? { asOf } : {});

/**
 * Caseload and staffing are defined per team (docs/kpis.md 5 and 6), so the overview shows the
 * team that needs attention, the most loaded or the least covered, not an office figure the
 * KPI does not define.
 */
const extreme = (values: readonly (number | null)[], pick: (a: number, b: number) => number): number | null => {
  const given = values.filter((value): value is number => value !== null);
  return given.length === 0 ? null : given.reduce((a, b) => pick(a, b));
};

/** The overview's figures: each is read from its KPI route, never computed here. */
export const KEY_FIGURES: readonly KeyFigure[] = [
  {
    id: 'fallzahl',
    label: 'Fallzahl (Hilfen zur Erziehung)',
    digits: 0,
    unit: '',
    of: async (year, asOf) => (await api.GET('/api/v1/kpis/cases-of-year', { params: { query: { year, ...known(asOf) } } })).data!.rows[0]?.cases ?? null,
  },
  {
    id: 'anteil-stationaer',
    label: 'Anteil stationärer Hilfen',
    digits: 1,
    unit: '%',
    of: async (year, asOf) => (await api.GET('/api/v1/kpis/aids', { params: { query: { period: String(year), ...known(asOf) } } })).data!.shares.shareStationary,
  },
  {
    id: 'rueckfuehrungsquote',
    label: 'Rückführungsquote',
    digits: 1,
    unit: '%',
    of: async (year, asOf) => (await api.GET('/api/v1/kpis/return-rate', { params: { query: { period: String(year), ...known(asOf) } } })).data!.rows[0]?.rate ?? null,
  },
  {
    id: 'fluktuation',
    label: 'Fluktuation',
    digits: 1,
    unit: '%',
    of: async (year, asOf) =>
      (await api.GET('/api/v1/kpis/staff-fluctuation', { params: { query: { period: String(year), ...known(asOf) } } })).data!.rows.find((row) => row.team === null)?.rate ?? null,
  },
  {
    id: 'fachkraft-fall-relation',
    label: 'Fachkraft-Fall-Relation am 31.12., höchste eines Teams',
    digits: 1,
    unit: '1:x',
    of: async (year, asOf) =>
      extreme((await api.GET('/api/v1/kpis/caseload', { params: { query: { on: `${year}-12-31`, ...known(asOf) } } })).data!.rows.map((row) => row.aidsPerFte), Math.max),
  },
  {
    id: 'personalbedarf-deckung',
    label: 'Deckung des Personalbedarfs, niedrigste eines Teams',
    digits: 1,
    unit: '%',
    of: async (year, asOf) =>
      extreme((await api.GET('/api/v1/kpis/staffing-requirement', { params: { query: { period: String(year), ...known(asOf) } } })).data!.rows.map((row) => row.coverage), Math.min),
  },
  {
    id: 'nettokosten',
    label: 'Nettokosten (14plus)',
    digits: 2,
    unit: '€',
    of: async (year, asOf) => {
      const cents = (await api.GET('/api/v1/kpis/costs', { params: { query: { period: String(year), ...known(asOf) } } })).data!.rows[0]?.netCents;
      return cents === undefined ? null : cents / 100;
    },
  },
];
