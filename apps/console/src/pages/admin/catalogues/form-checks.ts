import { parseGermanNumber } from '../../../format/german-input';
import { cellId, fieldId, keyOf, keyText, tableId, type Column, type FormValues, type Row, type Section, type TableSection } from './form-model';

/** What is wrong where: the element's id → the field's name as the form shows it, and what to do. */
export type Problems = ReadonlyMap<string, { readonly label: string; readonly message: string }>;

function problemOf(column: Column, text: string): string | undefined {
  const value = text.trim();
  if (!value) return column.optional ? undefined : 'Bitte ausfüllen.';
  if (column.input.kind === 'number' && parseGermanNumber(value) === undefined) return 'Bitte eine Zahl eingeben, z. B. 1.234,5 (Komma vor den Nachkommastellen).';
  return undefined;
}

export function rowLabel(section: TableSection, index: number, column: Column): string {
  return `${section.title}, Zeile ${index + 1}, ${column.label}`;
}

function checkTable(section: TableSection, rows: readonly Row[], problems: Map<string, { label: string; message: string }>): void {
  if (section.kind === 'list' && rows.length === 0) problems.set(tableId(section.key), { label: section.title, message: `Bitte mindestens eine ${section.rowNoun} eintragen.` });
  const firstRowOf = new Map<string, number>();
  const [keyColumn] = section.columns;
  rows.forEach((row, index) => {
    for (const column of section.columns) {
      const message = problemOf(column, row.cells[column.key] ?? '');
      if (message) problems.set(cellId(section.key, row, column.key), { label: rowLabel(section, index, column), message });
    }
    const optional = section.columns.filter((column) => column.optional);
    if (section.rowRule && optional.length && optional.every((column) => !(row.cells[column.key] ?? '').trim())) {
      problems.set(cellId(section.key, row, optional[0]!.key), { label: rowLabel(section, index, optional[0]!), message: section.rowRule });
    }
    // A record keeps one entry per key: a second one would silently replace the first.
    const key = keyOf(row, section);
    const first = firstRowOf.get(key);
    if (key && first !== undefined)
      problems.set(cellId(section.key, row, keyColumn!.key), { label: rowLabel(section, index, keyColumn!), message: `„${keyText(row, section)}“ steht schon in Zeile ${first + 1}. ${section.rule}` });
    else firstRowOf.set(key, index);
  });
}

/** The checks a browser can make at once: filled in, a number where one belongs, each key once. The rules of each value are the API's. */
export function checkForm(sections: readonly Section[], values: FormValues): Problems {
  const problems = new Map<string, { label: string; message: string }>();
  for (const section of sections) {
    if (section.kind === 'fields') {
      for (const field of section.fields) {
        const message = problemOf(field, values.fields[field.key] ?? '');
        if (message) problems.set(fieldId(field.key), { label: field.label, message });
      }
    } else {
      checkTable(section, values.tables[section.key] ?? [], problems);
    }
  }
  return problems;
}
