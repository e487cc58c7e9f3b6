import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * Asks before a change that cannot simply be taken back. The native modal dialog moves focus
 * in (to its first button, Abbrechen: Enter alone changes nothing), keeps it there and closes
 * on Escape, so keyboard and screen reader users get it as a dialog without any script of ours.
 */
export function ConfirmationDialog({
  open,
  title,
  confirmLabel,
  onConfirm,
  onCancel,
  children,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (open && !element?.open) element?.showModal();
    if (!open && element?.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="confirmation"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault(); // the parent closes it, so that its state and the dialog agree
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div id={textId}>{children}</div>
      <div className="dialog-buttons">
        <button type="button" className="secondary" onClick={onCancel}>
          Abbrechen
        </button>
        <button type="button" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
