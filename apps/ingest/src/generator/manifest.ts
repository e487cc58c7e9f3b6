import { germanDate } from './calendar.js';
import { chronicleOf } from './chronicle.js';
import type { OfficeModel } from './office-model.js';
import { PROVIDERS } from './office-catalogue.js';
import type { InjectedTrouble } from './troubles.js';

export interface ManifestFile {
  readonly name: string;
  readonly source: string;
  readonly observed: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** Every personal value written (capped per kind), so a test can prove none reached the database. */
export interface PersonalValues {
  readonly names: readonly string[];
  readonly firstNames: readonly string[];
  readonly birthDates: readonly string[];
  readonly staffNames: readonly string[];
  readonly providers: readonly string[];
  readonly chronicleTexts: readonly string[];
}

export interface Manifest {
  readonly generator: string;
  readonly version: number;
  readonly settings: {
    readonly scale: number;
    readonly seed: number;
    readonly start: string;
    readonly initialLoad: string;
    readonly nights: number;
    readonly troubles: readonly string[];
  };
  readonly files: readonly ManifestFile[];
  readonly troubles: readonly InjectedTrouble[];
  readonly personalValues: PersonalValues;
}

const CAP = 2_000;

const distinct = (values: Iterable<string>) => [...new Set(values)].slice(0, CAP);

export function personalValuesOf(model: OfficeModel, seed: number): PersonalValues {
  const lastDay = model.settings.initialLoad + model.settings.nights;
  const texts = new Set<string>();
  for (const aid of model.aids) {
    if (texts.size >= CAP) break;
    for (const entry of chronicleOf(seed, aid, model.cases[aid.caseIndex]!, model.clerks, lastDay)) texts.add(entry.text);
  }
  return {
    names: distinct(model.cases.map((c) => c.name)),
    firstNames: distinct(model.cases.map((c) => c.firstName)),
    birthDates: distinct(model.cases.map((c) => germanDate(c.birth))),
    staffNames: distinct(model.staff.map((s) => s.name)),
    providers: [...PROVIDERS],
    chronicleTexts: distinct(texts),
  };
}
