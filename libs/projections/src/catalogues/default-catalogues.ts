import { CHRONICLE_ENTRY_TYPES, DEFAULT_AID_TYPE_CATALOGUE, type AidTypeCatalogue } from '@jugendamt/domain';

/** Which 14plus entry types count as process steps (KPIS.md 1: all but VERMERK by default). */
export interface ChronicleTypesCatalogue {
  readonly counted: readonly string[];
}

/** The catalogues of KPIS.md, as shipped: each office may keep its own versions. */
export interface Catalogues {
  readonly 'aid-types': AidTypeCatalogue;
  readonly 'chronicle-types': ChronicleTypesCatalogue;
}

export type CatalogueName = keyof Catalogues;

export const DEFAULT_CATALOGUES: Catalogues = {
  'aid-types': DEFAULT_AID_TYPE_CATALOGUE,
  'chronicle-types': { counted: CHRONICLE_ENTRY_TYPES.filter((type) => type !== 'VERMERK') },
};
