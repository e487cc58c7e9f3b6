import { DEFAULT_AID_TYPE_CATALOGUE, type AidTypeCatalogue } from '@jugendamt/domain';

/** The catalogues of KPIS.md, as shipped: each office may keep its own versions. */
export interface Catalogues {
  readonly 'aid-types': AidTypeCatalogue;
}

export type CatalogueName = keyof Catalogues;

export const DEFAULT_CATALOGUES: Catalogues = {
  'aid-types': DEFAULT_AID_TYPE_CATALOGUE,
};
