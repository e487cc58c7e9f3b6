import { FieldInput } from './FieldInput';
import { rowLabel, type Problems } from './form-checks';
import { cellId, keyText, newRow, tableId, type Row, type TableSection } from './form-model';

/** A part of the catalogue as a table of inputs: each row editable, removable, and rows added below. */
export function EditableTable({
  section,
  rows,
  problems,
  onChange,
  onFocus,
}: {
  section: TableSection;
  rows: readonly Row[];
  problems: Problems;
  onChange: (rows: readonly Row[]) => void;
  /** Where focus goes once the table is drawn again: a new row's first input, or the add button after a removal. */
  onFocus: (id: string) => void;
}) {
  const id = tableId(section.key);
  const tableProblem = problems.get(id);
  const addId = `${id}--hinzufuegen`;
  const edit = (row: Row, column: string, value: string) => onChange(rows.map((candidate) => (candidate === row ? { ...row, cells: { ...row.cells, [column]: value } } : candidate)));
  const add = () => {
    const row = newRow(Object.fromEntries(section.columns.map((column) => [column.key, ''])));
    onChange([...rows, row]);
    onFocus(cellId(section.key, row, section.columns[0]!.key));
  };
  const remove = (row: Row) => {
    onChange(rows.filter((candidate) => candidate !== row));
    onFocus(addId);
  };
  return (
    <section className="catalogue-table" aria-labelledby={`${id}--titel`}>
      <h3 id={`${id}--titel`}>{section.title}</h3>
      <p className="hint" id={`${id}--beschreibung`}>
        {section.description}
      </p>
      <div className="table-scroll">
        <table id={id} aria-describedby={`${id}--beschreibung${tableProblem ? ` ${id}--fehler` : ''}`} tabIndex={tableProblem ? -1 : undefined}>
          <caption>{section.title} bearbeiten</caption>
          <thead>
            <tr>
              <th scope="col">Zeile</th>
              {section.columns.map((column) => (
                <th key={column.key} scope="col">
                  {column.label}
                  {column.optional && <span className="optional"> (optional)</span>}
                </th>
              ))}
              <th scope="col">Aktion</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.id}>
                <td className="number">{index + 1}</td>
                {section.columns.map((column) => {
                  const inputId = cellId(section.key, row, column.key);
                  return (
                    <td key={column.key}>
                      <FieldInput
                        id={inputId}
                        column={column}
                        label={rowLabel(section, index, column)}
                        value={row.cells[column.key] ?? ''}
                        error={problems.get(inputId)?.message}
                        onChange={(value) => edit(row, column.key, value)}
                      />
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    className="secondary"
                    aria-label={`${section.title}, Zeile ${index + 1} entfernen${row.cells[section.columns[0]!.key] ? ` (${keyText(row, section)})` : ''}`}
                    onClick={() => remove(row)}
                  >
                    Entfernen
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {tableProblem && (
        <p id={`${id}--fehler`} className="field-error">
          <span aria-hidden="true">⚠ </span>
          {tableProblem.message}
        </p>
      )}
      <button type="button" className="secondary" id={addId} onClick={add}>
        {section.rowNoun} hinzufügen
      </button>
    </section>
  );
}
