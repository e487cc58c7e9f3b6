import { formatNumber } from '../../../format/german';
import type { JobImport, JobView } from './job-types';
import { statusText } from '../../../format/import-status';

/** One import's verdict with its counts, as a sentence. */
export function importSentence(i: JobImport): string {
  const counts = `${formatNumber(i.rowsRead)} Zeilen gelesen, ${formatNumber(i.eventsAppended)} Ereignisse übernommen, ${formatNumber(i.rowsQuarantined)} Zeilen zurückgestellt`;
  return `${i.file}: ${statusText(i.status)} (${counts})`;
}

/**
 * What a settled job came to, in one sentence for the live region: the verdict of the file's
 * import, or why there is none.
 */
export function verdictSentence(job: JobView, fileName: string): string {
  if (job.state === 'failed') return `${fileName}: Der Auftrag ist fehlgeschlagen. ${job.lastError ?? ''}`.trim();
  const own = job.result?.imports.find((i) => i.file === fileName);
  if (own) return `${importSentence(own)}.`;
  return `${fileName}: nichts eingelesen – die Datei wartet nicht mehr im Eingang (ein anderer Auftrag hat sie übernommen).`;
}
