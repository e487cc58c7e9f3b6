import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../../../api/client';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatTimestamp } from '../../../format/german';
import { consequenceOf, type Decision } from './decision-consequences';
import type { ImportRecord } from './import-types';

export interface DecisionMade {
  readonly decision: Decision;
  readonly file: string;
  /** The job that carries the decision out. */
  readonly jobId: string;
}

const WORDING: Readonly<Record<Decision, { readonly title: string; readonly action: string }>> = {
  confirm: { title: 'Import bestätigen?', action: 'Bestätigen und einlesen' },
  reject: { title: 'Import ablehnen?', action: 'Ablehnen' },
};

/**
 * The question before a decision on a held import, as a modal dialog: it says in numbers what
 * the decision does. Cancel is first, so Enter on the opened dialog changes nothing; Escape
 * cancels too.
 */
export function DecisionDialog({ decision, held, onDecided, onClosed }: { decision: Decision; held: ImportRecord; onDecided: (made: DecisionMade) => void; onClosed: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => dialog.current?.showModal(), []);

  const decide = async () => {
    setSending(true);
    setError(undefined);
    const path = { params: { path: { importId: held.importId } } };
    try {
      const { data } = decision === 'confirm' ? await api.POST('/api/v1/admin/imports/{importId}/confirm', path) : await api.POST('/api/v1/admin/imports/{importId}/reject', path);
      onDecided({ decision, file: held.file, jobId: data!.job.id });
      dialog.current?.close();
    } catch (failure) {
      setError((failure as Error).message);
      setSending(false);
    }
  };

  return (
    <dialog ref={dialog} className="decision" aria-labelledby={titleId} aria-describedby={textId} onClose={onClosed} onCancel={(event) => sending && event.preventDefault()}>
      <h2 id={titleId}>{WORDING[decision].title}</h2>
      <div id={textId}>
        <p>
          <strong>{held.file}</strong> (Datenstand {formatTimestamp(held.observedAt)}) wurde angehalten, weil die Datei ungewöhnlich viele Datensätze löschen würde.
        </p>
        <p className="consequence">{consequenceOf(decision, held)}</p>
      </div>
      <ErrorAlert message={error} />
      <p className="dialog-actions">
        <button type="button" className="secondary" onClick={() => dialog.current?.close()} disabled={sending}>
          Abbrechen
        </button>
        <button type="button" onClick={decide} disabled={sending}>
          {sending ? 'Wird gesendet …' : WORDING[decision].action}
        </button>
      </p>
    </dialog>
  );
}
