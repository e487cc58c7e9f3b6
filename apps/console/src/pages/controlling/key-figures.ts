import { api } from '../../api/client';
import type { Basis } from '../../kpis/kpi-types';

export interface Reading {
  readonly value: number | null;
  readonly basis: Basis;
}

/** One key figure of a year for the office, as the API answers it. */
export interface KeyFigure {
  readonly id: string;
  readonly label: string;
  readonly digits: number;
  /** `1:x` is the Fachkraft-Fall-Relation's German form: one FTE to x aids. */
  readonly unit: '' | '%' | '€' | '1:x';
  /** The figure of a year as known at `asOf` (a date), or null where it has no value, with what it rests on. */
  readonly of: (year: number, asOf: string | undefined) => Promise<Reading>;
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
    of: async (year, asOf) => {
      const answer = (await api.GET('/api/v1/kpis/cases-of-year', { params: { query: { year, ...known(asOf) } } })).data!;
      return { value: answer.rows[0]?.cases ?? null, basis: answer.basis };
    },
  },
  {
    id: 'anteil-stationaer',
    label: 'Anteil stationärer Hilfen',
    digits: 1,
    unit: '%',
    of: async (year, asOf) => {
      const answer = (await api.GET('/api/v1/kpis/aids', { params: { query: { period: String(year), ...known(asOf) } } })).data!;
      return { value: answer.shares.shareStationary, basis: answer.basis };
    },
  },
  {
    id: 'rueckfuehrungsquote',
    label: 'Rückführungsquote',
    digits: 1,
    unit: '%',
    of: async (year, asOf) => {
      const answer = (await api.GET('/api/v1/kpis/return-rate', { params: { query: { period: String(year), ...known(asOf) } } })).data!;
      return { value: answer.rows[0]?.rate ?? null, basis: answer.basis };
    },
  },
  {
    id: 'fluktuation',
    label: 'Fluktuation',
    digits: 1,
    unit: '%',
    of: async (year, asOf) => {
      const answer = (await api.GET('/api/v1/kpis/staff-fluctuation', { params: { query: { period: String(year), ...known(asOf) } } })).data!;
      return { value: answer.rows.find((row) => row.team === null)?.rate ?? null, basis: answer.basis };
    },
  },
  {
    id: 'fachkraft-fall-relation',
    label: 'Fachkraft-Fall-Relation am 31.12., höchste eines Teams',
    digits: 1,
    unit: '1:x',
    of: async (year, asOf) => {
      const answer = (await api.GET('/api/v1/kpis/caseload', { params: { query: { on: `${year}-12-31`, ...known(asOf) } } })).data!;
      return { value: extreme(answer.rows.map((row) => row.aidsPerFte), Math.max), basis: answer.basis };
    },
  },
  {
    id: 'personalbedarf-deckung',
    label: 'Deckung des Personalbedarfs, niedrigste eines Teams',
    digits: 1,
    unit: '%',
    of: async (year, asOf) => {
      const answer = (await api.GET('/api/v1/kpis/staffing-requirement', { params: { query: { period: String(year), ...known(asOf) } } })).data!;
      return { value: extreme(answer.rows.map((row) => row.coverage), Math.min), basis: answer.basis };
    },
  },
  {
    id: 'nettokosten',
    label: 'Nettokosten (14plus)',
    digits: 2,
    unit: '€',
    of: async (year, asOf) => {
      const answer = (await api.GET('/api/v1/kpis/costs', { params: { query: { period: String(year), ...known(asOf) } } })).data!;
      const cents = answer.rows[0]?.netCents;
      return { value: cents === undefined ? null : cents / 100, basis: answer.basis };
    },
  },
];

/** The basis of several answers as one: each source's newest export, each catalogue's version used. */
export function joinedBasis(bases: readonly Basis[]): Basis {
  const observedUntil: Record<string, string> = {};
  for (const basis of bases) {
    for (const [source, at] of Object.entries(basis.observedUntil)) if (!observedUntil[source] || at > observedUntil[source]) observedUntil[source] = at;
  }
  const catalogues = [...new Map(bases.flatMap((basis) => basis.catalogues).map((catalogue) => [`${catalogue.name} ${catalogue.version}`, catalogue])).values()];
  return { asOf: bases[0]?.asOf ?? null, observedUntil, catalogues };
}
