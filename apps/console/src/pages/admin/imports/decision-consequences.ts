import { formatNumber, formatPercent } from '../../../format/german';
import { sourceLabel } from '../../../format/sources';
import type { ImportRecord } from './import-types';

export type Decision = 'confirm' | 'reject';

/** What confirming a held snapshot deletes, in numbers: `126 von 210 Datensätzen (60,0 %)`. */
export function deletionsText(held: ImportRecord): string {
  if (held.deletions) {
    const { records, liveBefore } = held.deletions;
    return `${formatNumber(records)} von ${formatNumber(liveBefore)} Datensätzen (${formatPercent((records / liveBefore) * 100)})`;
  }
  // A copy of held content keeps no counts of its own, only the verdict's share, if that.
  return held.deletionShare === null ? 'mehr Datensätze als erlaubt' : `${formatPercent(held.deletionShare * 100)} der Datensätze`;
}

/** What a decision does, in plain German, before the administrator makes it. */
export function consequenceOf(decision: Decision, held: ImportRecord): string {
  const source = sourceLabel(held.source);
  if (decision === 'confirm') {
    return (
      `${deletionsText(held)} der Quelle ${source} werden gelöscht, weil sie in dieser Datei fehlen; ` + `die übrigen Änderungen aus ihren ${formatNumber(held.rowsRead)} Zeilen werden übernommen.`
    );
  }
  const kept = held.deletions ? `Die ${formatNumber(held.deletions.liveBefore)} Datensätze der Quelle ${source} bleiben, wie sie sind.` : `Die Datensätze der Quelle ${source} bleiben, wie sie sind.`;
  return `Nichts aus dieser Datei wird übernommen; die Datei wird nach rejected/ verschoben. ${kept}`;
}
