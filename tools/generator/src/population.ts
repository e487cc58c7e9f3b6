import { dayOf, germanDate, isoOf, yearOf, type Day } from './calendar.js';
import type { ExportRow } from './export-rows.js';
import type { OfficeModel } from './office-model.js';
import { Prng } from './prng.js';

/** The age bands the statistics office counts in, first and last year inclusive (under 27). */
export const POPULATION_BANDS: readonly (readonly [number, number])[] = [
  [0, 2],
  [3, 5],
  [6, 9],
  [10, 13],
  [14, 17],
  [18, 20],
  [21, 26],
];

/** Young residents (under 27) per case of a year at scale 1: about 300 cases per 10,000 under 21. */
const RESIDENTS_PER_CASE = 45;
/** A Stichtag is counted and delivered within weeks: the file of 31.12. comes in mid-January. */
const DELIVERY_DAYS = 15;
const BACKFILL_TIME = '0300';

/** One einwohner file: when it was observed, and the Stichtage (31.12.) it states. */
export interface PopulationFile {
  readonly observed: Day;
  readonly time: string;
  readonly stichtage: readonly Day[];
}

/**
 * The population files of a set. With the initial load the planner delivers the year-ends the
 * history covers, in one file observed just after the night's WebFM files (so that every social
 * area it names is known from a case); each year-end after it comes in mid-January.
 */
export function populationFiles(model: OfficeModel, lastObserved: Day): PopulationFile[] {
  const { start, initialLoad } = model.settings;
  const yearEnd = (year: number) => dayOf(`${year}-12-31`);
  const files: PopulationFile[] = [];
  const backfill: Day[] = [];
  for (let year = yearOf(start) - 1; yearEnd(year) + DELIVERY_DAYS <= initialLoad; year++) backfill.push(yearEnd(year));
  if (backfill.length) files.push({ observed: initialLoad, time: BACKFILL_TIME, stichtage: backfill });
  for (let year = yearOf(initialLoad) - 1; yearEnd(year) + DELIVERY_DAYS <= lastObserved; year++) {
    const observed = yearEnd(year) + DELIVERY_DAYS;
    if (observed > initialLoad) files.push({ observed, time: '0700', stichtage: [yearEnd(year)] });
  }
  return files;
}

/**
 * The file's rows: per Stichtag, social area and band one row per Geschlecht. Only areas a case
 * has named by the file's observation are counted (the office's areas as WebFM knows them). The
 * young population of an area is proportionate to the office's cases, and drifts from year to year.
 */
export function* populationRows(model: OfficeModel, file: PopulationFile): Generator<ExportRow> {
  const areas = [...new Set(model.cases.filter((kase) => kase.begin < file.observed).map((kase) => kase.socialArea))].sort();
  const { seed, scale } = model.settings;
  const youngOfArea = Math.max(300, (RESIDENTS_PER_CASE * model.cases.length) / Math.max(1, areas.length));
  for (const stichtag of file.stichtage) {
    for (const area of areas) {
      const size = Prng.for(seed, 'population', area).int(70, 130) / 100;
      const drift = 1 + 0.015 * (yearOf(stichtag) - yearOf(model.settings.start));
      const r = Prng.for(seed, 'population', area, isoOf(stichtag));
      for (const [from, to] of POPULATION_BANDS) {
        const years = to - from + 1;
        const total = Math.round((youngOfArea * size * drift * years * r.int(95, 105)) / 100 / 27);
        const diverse = r.int(0, Math.max(1, Math.round(total * 0.002 * Math.min(1, scale))));
        const male = Math.round((total - diverse) * (r.int(505, 518) / 1000));
        const counts = [
          ['m', male],
          ['w', total - diverse - male],
          ['d', diverse],
        ] as const;
        for (const [gender, count] of counts) {
          yield { Stichtag: germanDate(stichtag), Sozialraum: area, 'Alter von': String(from), 'Alter bis': String(to), Anzahl: String(count), Geschlecht: gender };
        }
      }
    }
  }
}
