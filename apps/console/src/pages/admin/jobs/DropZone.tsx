import { useId, useState, type DragEvent } from 'react';

/**
 * Where export files are chosen: the native file input with its label is the way for every
 * user, keyboard and screen reader included; dropping files onto the zone is a shortcut.
 */
export function DropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const inputId = useId();
  const hintId = useId();
  const [dragging, setDragging] = useState(false);
  const over = (event: DragEvent) => {
    event.preventDefault();
    setDragging(true);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    onFiles([...event.dataTransfer.files]);
  };
  return (
    <div className={dragging ? 'drop-zone dragging' : 'drop-zone'} onDragOver={over} onDragEnter={over} onDragLeave={() => setDragging(false)} onDrop={drop}>
      <label htmlFor={inputId}>Exportdateien auswählen</label>
      <input
        id={inputId}
        type="file"
        multiple
        accept=".csv,text/csv"
        aria-describedby={hintId}
        onChange={(event) => {
          onFiles([...(event.target.files ?? [])]);
          // The same file may be chosen again (after fixing its name on disk, say).
          event.target.value = '';
        }}
      />
      <p id={hintId} className="drop-hint">
        Oder mehrere Dateien auf einmal hierher ziehen. Der Name nennt Quelle und Zeitpunkt des Exports, z. B. <code>webfm_hilfen_20251121_0215.csv</code>.
      </p>
    </div>
  );
}
