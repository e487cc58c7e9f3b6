import { useEffect, useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FieldRefusal, saveCatalogue, type CatalogueName, type SavedAnswer } from './catalogue-api';
import { contentOf } from './catalogue-forms';
import { EditableTable } from './EditableTable';
import { FieldInput } from './FieldInput';
import { checkForm, type Problems } from './form-checks';
import { fieldId, type FormValues, type Section } from './form-model';
import { placeRefusals } from './refusal-fields';

const NONE: Problems = new Map();

/** The alert above the form: it names every field to look at, so a screen reader hears them at once. */
function summaryOf(problems: Problems): string {
  const named = [...problems.values()].map(({ label, message }) => `${label}: ${message}`);
  const shown = named.slice(0, 4).join(' ');
  return `Nicht gespeichert. Bitte ${problems.size === 1 ? 'diese Angabe' : `diese ${problems.size} Angaben`} prüfen: ${shown}${named.length > 4 ? ` … und ${named.length - 4} weitere, unten markiert.` : ''}`;
}

/**
 * The form of one catalogue: the browser checks what it can at once, the API checks the rest
 * on saving; either way each error stands at its field and the first one gets the focus.
 */
export function CatalogueEditor({
  name,
  version,
  sections,
  initial,
  onSaved,
  onCancel,
}: {
  name: CatalogueName;
  version: number;
  sections: readonly Section[];
  initial: FormValues;
  onSaved: (saved: SavedAnswer) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<Problems>(NONE);
  const [summary, setSummary] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [focusId, setFocusId] = useState<string>();

  // Focus moves once React has drawn what it points to (a new row, the first error), then lets go.
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(undefined);
  }, [focusId]);

  const refuse = (found: Problems, extra = '') => {
    setProblems(found);
    setSummary(`${found.size ? summaryOf(found) : 'Nicht gespeichert.'}${extra}`);
    setFocusId([...found.keys()][0]);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkForm(sections, values);
    if (found.size) return refuse(found);
    setSaving(true);
    try {
      onSaved(await saveCatalogue(name, contentOf(name, values)));
    } catch (failure) {
      if (failure instanceof FieldRefusal) {
        const { problems: placed, unplaced } = placeRefusals(sections, values, failure.fieldErrors);
        refuse(placed, unplaced.length ? ` Außerdem lehnt der Server ab: ${unplaced.map((error) => `${error.field}: ${error.message}`).join('; ')}` : '');
      } else {
        setProblems(NONE);
        setSummary(failure instanceof Error ? failure.message : String(failure));
      }
    } finally {
      setSaving(false);
    }
  };

  const setTable = (key: string, rows: FormValues['tables'][string]) => setValues((current) => ({ ...current, tables: { ...current.tables, [key]: rows } }));
  const setField = (key: string, value: string) => setValues((current) => ({ ...current, fields: { ...current.fields, [key]: value } }));

  return (
    <form className="catalogue-editor" onSubmit={save} noValidate aria-labelledby="bearbeiten-titel">
      <h2 id="bearbeiten-titel" tabIndex={-1}>
        Bearbeiten (wird Version {version + 1})
      </h2>
      <p className="hint">Zahlen deutsch schreiben: 1.234,5. Gespeichert wird eine neue Version; die bisherigen bleiben erhalten.</p>
      <ErrorAlert message={summary} />
      {sections.map((section) =>
        section.kind === 'fields' ? (
          <fieldset key={section.key} className="catalogue-fields">
            <legend>{section.title}</legend>
            {section.fields.map((field) => (
              <div className="field" key={field.key}>
                <label htmlFor={fieldId(field.key)}>{field.label}</label>
                <FieldInput
                  id={fieldId(field.key)}
                  column={field}
                  value={values.fields[field.key] ?? ''}
                  error={problems.get(fieldId(field.key))?.message}
                  onChange={(value) => setField(field.key, value)}
                />
              </div>
            ))}
          </fieldset>
        ) : (
          <EditableTable key={section.key} section={section} rows={values.tables[section.key] ?? []} problems={problems} onChange={(rows) => setTable(section.key, rows)} onFocus={setFocusId} />
        ),
      )}
      <div className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Wird gespeichert …' : `Als Version ${version + 1} speichern`}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Abbrechen
        </button>
      </div>
    </form>
  );
}
