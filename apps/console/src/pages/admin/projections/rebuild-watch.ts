import { eventCount } from './event-count';
import { projectionLabel } from './projection-labels';
import type { ProjectionList } from './projection-types';

/** A rebuild being watched: its job, and the generations that served when it began. */
export interface WatchedRebuild {
  readonly jobId: string;
  readonly before: Readonly<Record<string, number | null>>;
}

export function watchOf(jobId: string, answer: ProjectionList): WatchedRebuild {
  return { jobId, before: Object.fromEntries(answer.projections.map((p) => [p.projection, p.generation])) };
}

/** A rebuild the queue is still working on (the page may be opened while one runs). */
export function runningRebuildOf(answer: ProjectionList): WatchedRebuild | undefined {
  const job = answer.lastRebuild;
  return job && job.state !== 'completed' && job.state !== 'failed' ? watchOf(job.jobId, answer) : undefined;
}

export type RebuildStep = { readonly done: false; readonly progress: string } | { readonly done: true; readonly outcome: string; readonly failed: boolean };

/** Where the rebuild stands in the API's latest answer, in words for the page's status line. */
export function stepOf(watched: WatchedRebuild, answer: ProjectionList): RebuildStep {
  const job = answer.lastRebuild?.jobId === watched.jobId ? answer.lastRebuild : undefined;
  if (job?.state === 'failed') {
    return { done: true, failed: true, outcome: `Der Neuaufbau ist fehlgeschlagen${job.lastError ? `: ${job.lastError}` : ''}. Die bisherigen Generationen beantworten weiter alle Anfragen.` };
  }
  const rebuilt = answer.projections.filter((p) => p.generation !== null && p.generation !== watched.before[p.projection]);
  const allServing = rebuilt.length === answer.projections.length && answer.projections.every((p) => !p.building);
  // Done when its job says so: the generations switch a moment before the job ends, and a page
  // that stopped watching then would show the last rebuild as running for good.
  if (job?.state === 'completed' || (!job && allServing)) {
    return {
      done: true,
      failed: false,
      outcome: `Neuaufbau abgeschlossen. Jetzt aktuell: ${answer.projections.map((p) => `${projectionLabel(p.projection)} Generation ${p.generation}`).join(', ')}.`,
    };
  }
  const building = answer.projections.flatMap((p) =>
    p.building ? [`${projectionLabel(p.projection)}: Generation ${p.building.generation}, noch ${eventCount(p.building.eventsToRead)} zu lesen`] : [],
  );
  if (building.length === 0 && rebuilt.length === 0) return { done: false, progress: 'Der Neuaufbau wartet in der Auftragsliste auf seinen Beginn …' };
  return { done: false, progress: [`Neuaufbau läuft, ${rebuilt.length} von ${answer.projections.length} Projektionen fertig.`, ...building.map((line) => `${line}.`)].join(' ') };
}
