import { useEffect, useRef } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatNumber } from '../../../format/german';
import { statusText } from '../../../format/import-status';
import type { DecisionMade } from './DecisionDialog';
import { isFinished, useJob, type JobView } from './use-job';

function outcomeText(made: DecisionMade, job: JobView | undefined): string {
  if (job?.state === 'failed') return `Der Auftrag zu ${made.file} ist fehlgeschlagen: ${job.lastError ?? 'ohne Angabe eines Grundes'}. Auf der Seite Aufträge lässt er sich erneut starten.`;
  if (made.decision === 'reject') {
    return job && isFinished(job)
      ? `Abgelehnt: ${made.file}. Nichts daraus wurde übernommen; die Datei liegt jetzt in rejected/.`
      : `Abgelehnt: ${made.file}. Nichts daraus wird übernommen; die Datei wird nach rejected/ verschoben …`;
  }
  if (!job || !isFinished(job)) return `Bestätigt: ${made.file}. Der Auftrag zum Einlesen läuft …`;
  const imported = job.result?.imports[0];
  if (!imported) return `Bestätigt: ${made.file}. Der Auftrag ist erledigt, hat aber nichts eingelesen.`;
  return `Bestätigt: ${made.file} ist ${statusText(imported.status)}: ${formatNumber(imported.eventsAppended)} Ereignisse aus ${formatNumber(imported.rowsRead)} Zeilen.`;
}

/**
 * What became of the administrator's decision, followed until its job is done; the page's
 * lists are refreshed then. Focus moves here, since the row decided on is gone from the list.
 */
export function DecisionOutcome({ made, onSettled }: { made: DecisionMade; onSettled: () => void }) {
  const { job, error } = useJob(made.jobId);
  const shown = useRef<HTMLParagraphElement>(null);
  const finished = job !== undefined && isFinished(job);
  useEffect(() => shown.current?.focus(), [made]);
  useEffect(() => {
    if (finished) onSettled();
  }, [finished]); // once per decision: `onSettled` is new each render of the list
  return (
    <>
      <p role="status" className="decision-outcome" tabIndex={-1} ref={shown}>
        {outcomeText(made, job)}
      </p>
      <ErrorAlert message={error && `Der Stand des Auftrags ließ sich nicht abfragen: ${error}`} />
    </>
  );
}
