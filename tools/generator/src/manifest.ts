import { germanDate } from './calendar.js';
import { chronicleOf } from './chronicle.js';
import { HIRES_KNOWN_DAYS } from './night-rows.js';
import type { OfficeModel } from './office-model.js';
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
  /** The command line as given, where the CLI made the set. */
  readonly args?: readonly string[];
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

/** The first `CAP` distinct values in model order: the same seed names the same values. */
const distinct = (values: Iterable<string>) => {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.size >= CAP) break;
    if (value) seen.add(value);
  }
  return [...seen];
};

/** The personal values some file of the set shows: only those can be looked for in a database. */
export function personalValuesOf(model: OfficeModel, seed: number): PersonalValues {
  const { lastDay } = model;
  const firstNightDay = model.settings.initialLoad - 1;
  const shownAids = model.aids.filter((aid) => {
    const firstShown = Math.max(aid.begin, firstNightDay);
    return firstShown <= lastDay && (aid.deletedOn === null || firstShown < aid.deletedOn);
  });
  const texts = function* () {
    for (const aid of model.aids) for (const entry of chronicleOf(seed, aid, model.cases[aid.caseIndex]!, model.clerks, lastDay)) yield entry.text;
  };
  return {
    names: distinct(model.cases.map((c) => c.name)),
    firstNames: distinct(model.cases.map((c) => c.firstName)),
    birthDates: distinct(model.cases.map((c) => germanDate(c.birth))),
    staffNames: distinct(model.staff.filter((s) => s.joined <= lastDay + HIRES_KNOWN_DAYS).map((s) => s.name)),
    providers: distinct(shownAids.map((aid) => aid.provider)),
    chronicleTexts: distinct(texts()),
  };
}
