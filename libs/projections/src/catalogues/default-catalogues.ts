import { CHRONICLE_ENTRY_TYPES, DEFAULT_AID_TYPE_CATALOGUE, type AidTypeCatalogue } from '@jugendamt/domain';
import { DEFAULT_PLAUSIBILITY_RULES, type PlausibilityRulesCatalogue } from '../quality/plausibility-catalogue.js';

/** Which 14plus entry types count as process steps (docs/kpis.md 1: all but VERMERK by default). */
export interface ChronicleTypesCatalogue {
  readonly counted: readonly string[];
}

/** docs/kpis.md 4 to 6: who counts as staff, and the time a full-time post gives. */
export interface StaffingCatalogue {
  /** Roles whose comings and goings are the fluctuation (default Fachkraft and Teamleitung). */
  readonly fluctuationRoles: readonly string[];
  /** The role whose FTE carries cases and processes (default Fachkraft). */
  readonly caseWorkerRole: string;
  /** Surcharge for all time outside the counted processes (default 0.25). */
  readonly systemTimeShare: number;
  /** Net working minutes of a full-time post in a year (default 96,000 = 1,600 h). */
  readonly netAnnualWorkingMinutes: number;
}

/** Minutes per sub-process code (docs/kpis.md 6). */
export interface ProcessTimesCatalogue {
  readonly minutes: Readonly<Record<string, number>>;
}

/**
 * docs/kpis.md 10: the budget of each social area, in euros, per calendar year (`"2025"` →
 * social area as the exports write it → euros). No projection reads it: the KPI query does.
 */
export interface BudgetsCatalogue {
  readonly years: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** The catalogues of docs/kpis.md, as shipped: each office may keep its own versions. */
export interface Catalogues {
  readonly 'aid-types': AidTypeCatalogue;
  readonly 'chronicle-types': ChronicleTypesCatalogue;
  readonly staffing: StaffingCatalogue;
  readonly 'process-times': ProcessTimesCatalogue;
  readonly budgets: BudgetsCatalogue;
  readonly 'plausibility-rules': PlausibilityRulesCatalogue;
}

export type CatalogueName = keyof Catalogues;

export const DEFAULT_CATALOGUES: Catalogues = {
  'aid-types': DEFAULT_AID_TYPE_CATALOGUE,
  'chronicle-types': { counted: CHRONICLE_ENTRY_TYPES.filter((type) => type !== 'VERMERK') },
  staffing: { fluctuationRoles: ['Fachkraft', 'Teamleitung'], caseWorkerRole: 'Fachkraft', systemTimeShare: 0.25, netAnnualWorkingMinutes: 96_000 },
  // Process times of a typical ASD process model; an office measures and keeps its own.
  'process-times': {
    minutes: {
      '01.01': 30,
      '01.02': 90,
      '01.03': 45,
      '02.01': 240,
      '02.02': 180,
      '02.03': 120,
      '02.04': 360,
      '03.01': 60,
      '04.01': 180,
      '04.02': 90,
      '04.03': 150,
      '04.04': 120,
      '04.05': 90,
      '05.01': 180,
      '05.02': 240,
      '06.01': 150,
    },
  },
  // Budgets are the office's own decision: none is shipped.
  budgets: { years: {} },
  // Read at query time, like the budgets: an edit changes the next answer, no rebuild.
  'plausibility-rules': DEFAULT_PLAUSIBILITY_RULES,
};
