import type { FormValues, Section } from './form-model';

const shown = (text: string | undefined) => text?.trim() || '–';

/** A catalogue's entries as readable tables, one per part of the catalogue. */
export function EntriesView({ sections, values }: { sections: readonly Section[]; values: FormValues }) {
  return (
    <>
      {sections.map((section) =>
        section.kind === 'fields' ? (
          <table key={section.key} className="catalogue-entries">
            <caption>{section.title}</caption>
            <tbody>
              {section.fields.map((field) => (
                <tr key={field.key}>
                  <th scope="row">{field.label}</th>
                  <td className={field.input.kind === 'number' ? 'number' : undefined}>{shown(values.fields[field.key])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <table key={section.key} className="catalogue-entries">
            <caption>
              {section.title} <span className="count">({(values.tables[section.key] ?? []).length} Einträge)</span>
            </caption>
            <thead>
              <tr>
                {section.columns.map((column) => (
                  <th key={column.key} scope="col" className={column.input.kind === 'number' ? 'number' : undefined}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(values.tables[section.key] ?? []).map((row) => (
                <tr key={row.id}>
                  {section.columns.map((column, index) =>
                    index === 0 ? (
                      <th key={column.key} scope="row">
                        {shown(row.cells[column.key])}
                      </th>
                    ) : (
                      <td key={column.key} className={column.input.kind === 'number' ? 'number' : undefined}>
                        {shown(row.cells[column.key])}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ),
      )}
    </>
  );
}
