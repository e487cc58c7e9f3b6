import { formatTimestamp } from '../../../format/german';
import { JOB_STATE } from '../../../format/job-states';
import { eventCount } from './event-count';
import { projectionLabel } from './projection-labels';
import type { RebuildJob } from './projection-types';

/** The newest rebuild the import queue still knows: when, its state, and how many events each new generation was built from. */
export function LastRebuild({ job }: { job: RebuildJob | null }) {
  return (
    <section aria-labelledby="letzter-neuaufbau">
      <h2 id="letzter-neuaufbau">Letzter Neuaufbau</h2>
      {job ? (
        <>
          <p>
            Angestoßen {formatTimestamp(job.enqueuedAt)} · Zustand: {JOB_STATE[job.state].label}
            {job.finishedAt && ` · beendet ${formatTimestamp(job.finishedAt)}`}
          </p>
          {job.lastError && <p className="error">Fehler: {job.lastError}</p>}
          {job.rebuilt.length > 0 && (
            <ul className="plain">
              {job.rebuilt.map((rebuilt) => (
                <li key={rebuilt.projection}>
                  {projectionLabel(rebuilt.projection)}: neu aufgebaut aus {eventCount(rebuilt.eventsApplied)}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p>Die Auftragsliste kennt keinen Neuaufbau; sie hält nur die jüngsten Aufträge.</p>
      )}
    </section>
  );
}
