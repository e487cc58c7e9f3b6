import { parseExportFileName } from '@jugendamt/domain';

/**
 * The files of a generated set with one night: the initial load (the first observation day)
 * and the night after it, which is what the administrator waits for every morning.
 */
export function splitInitialLoadAndNight(files: readonly string[]): { initialLoad: string[]; night: string[] } {
  const dayOf = (file: string) => {
    const name = parseExportFileName(file);
    if (!name.ok) throw new Error(name.reason);
    return name.value.observedAt.toISOString().slice(0, 10);
  };
  const first = files.map(dayOf).sort()[0];
  const initialLoad = files.filter((file) => dayOf(file) === first);
  const night = files.filter((file) => dayOf(file) !== first);
  if (night.length === 0) throw new Error('the set holds no night after its initial load (generate it with --nights 1)');
  return { initialLoad, night };
}
