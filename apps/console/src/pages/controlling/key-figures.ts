import { api } from '../../api/client';

/** One key figure of a year for the office, as the API answers it. */
export interface KeyFigure {
  readonly id: string;
  readonly label: string;
  readonly digits: number;
  readonly unit: '' | '%' | '€';
  /** The figure of a year as known at `asOf` (a date), or null where it has no value. */
  readonly of: (year: number, asOf: string | undefined) => Promise<number | null>;
}

const known = (asOf: string | undefined) => (asOf ? { asOf } : {});

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
