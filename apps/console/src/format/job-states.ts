/** The states of an import job (an import, a rebuild) in words. */
export const JOB_STATE_TEXT: Readonly<Record<'waiting' | 'active' | 'delayed' | 'completed' | 'failed', string>> = {
  waiting: 'wartet',
  active: 'läuft',
  delayed: 'wartet auf einen neuen Versuch',
  completed: 'abgeschlossen',
  failed: 'fehlgeschlagen',
};
