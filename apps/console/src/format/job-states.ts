export type JobStateName = 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';

/** A job's state (an import, a rebuild) in words, with a symbol beside its colour so that colour is never all that tells it. */
export const JOB_STATE: Readonly<Record<JobStateName, { readonly label: string; readonly symbol: string; readonly tone: 'ok' | 'warn' | 'bad' | 'wait' }>> = {
  waiting: { label: 'wartet', symbol: '…', tone: 'wait' },
  active: { label: 'läuft', symbol: '▶', tone: 'wait' },
  delayed: { label: 'wartet auf einen neuen Versuch', symbol: '↻', tone: 'warn' },
  completed: { label: 'abgeschlossen', symbol: '✓', tone: 'ok' },
  failed: { label: 'fehlgeschlagen', symbol: '✕', tone: 'bad' },
};
