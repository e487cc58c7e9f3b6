import { sourceLabel } from '../../../format/sources';
import type { JobImport, JobState, JobView } from './job-types';

/** A job's state in words, with a symbol beside its colour so that colour is never all that tells it. */
export const JOB_STATE: Readonly<Record<JobState, { readonly label: string; readonly symbol: string; readonly tone: 'ok' | 'warn' | 'bad' | 'wait' }>> = {
  waiting: { label: 'wartet', symbol: '…', tone: 'wait' },
  active: { label: 'läuft', symbol: '▶', tone: 'wait' },
  delayed: { label: 'wartet auf einen neuen Versuch', symbol: '↻', tone: 'warn' },
  completed: { label: 'abgeschlossen', symbol: '✓', tone: 'ok' },
  failed: { label: 'fehlgeschlagen', symbol: '✕', tone: 'bad' },
};

export const JOB_KIND: Readonly<Record<JobView['job']['kind'], string>> = {
  file: 'Datei einlesen',
  source: 'Wartende Dateien einer Quelle',
  confirm: 'Angehaltenen Import bestätigen',
  reject: 'Angehaltenen Import verwerfen',
  rebuild: 'Projektionen neu aufbauen',
};

/** The verdicts of an import, as the import pages name them. */
export const VERDICT: Readonly<Record<JobImport['status'], string>> = {
  applied: 'eingelesen',
  rejected: 'abgelehnt',
  held: 'angehalten',
  duplicate: 'schon bekannt',
  stale: 'veraltet',
};

/** What a job works on: its file, its source, the import it decides, or the projections it builds. */
export function subjectOf(job: JobView['job']): { readonly text: string; readonly importId?: string } {
  switch (job.kind) {
    case 'file':
      return { text: job.file };
    case 'source':
      return { text: sourceLabel(job.source) };
    case 'confirm':
    case 'reject':
      return { text: `Import ${job.importId.slice(0, 8)}`, importId: job.importId };
    case 'rebuild':
      return { text: job.projections.join(', ') };
  }
}
