import { sourceLabel } from '../../../format/sources';
import type { JobView } from './job-types';

export const JOB_KIND: Readonly<Record<JobView['job']['kind'], string>> = {
  file: 'Datei einlesen',
  source: 'Wartende Dateien einer Quelle',
  confirm: 'Angehaltenen Import bestätigen',
  reject: 'Angehaltenen Import verwerfen',
  rebuild: 'Projektionen neu aufbauen',
  unlink: 'Entkoppeln nach Aufbewahrungsfrist',
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
    case 'unlink':
      return { text: job.dryRun ? 'Probelauf' : 'Datensätze nach Ablauf der Frist' };
  }
}
