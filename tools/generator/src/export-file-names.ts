import type { ExportSource } from '@jugendamt/domain';
import { compactDate, type Day } from './calendar.js';

/** WebFM exports at 02:15, 14plus at 02:30; file-level troubles arrive later the same night. */
export function exportFileName(source: ExportSource, observed: Day, time = source.startsWith('14plus') ? '0230' : '0215'): string {
  return `${source}_${compactDate(observed)}_${time}.csv`;
}
