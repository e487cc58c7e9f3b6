import type { Column } from './form-model';

/**
 * One value of the form: text, a German number (typed as text: `1.234,5`), or a choice. Its
 * error sits right below it and is tied to it, so a screen reader reads both together.
 */
export function FieldInput({ id, column, value, error, label, onChange }: { id: string; column: Column; value: string; error?: string; label?: string; onChange: (value: string) => void }) {
  const errorId = `${id}--fehler`;
  const hintId = `${id}--hinweis`;
  const describedBy = [error && errorId, !label && column.hint && hintId].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-label': label, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
  return (
    <>
      {column.input.kind === 'choice' ? (
        <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{column.optional ? '– keine –' : '– bitte wählen –'}</option>
          {column.input.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type="text"
          inputMode={column.input.kind === 'number' ? 'decimal' : undefined}
          className={column.input.kind === 'number' ? 'number' : undefined}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {!label && column.hint && (
        <span id={hintId} className="hint">
          {column.hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </span>
      )}
    </>
  );
}
