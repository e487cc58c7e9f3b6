import type { FieldError } from './catalogue-api';
import type { Problems } from './form-checks';
import { rowLabel } from './form-checks';
import { cellId, fieldId, keyOf, tableId, type FormValues, type Section, type TableSection } from './form-model';

type Placed = { readonly id: string; readonly label: string; readonly message: string };

/** The API names a record's bad key by the key itself (`minutes.4.03`) and says so in its message. */
const KEY_REFUSED = /\bkey\b/i;

function placeInTable(section: TableSection, values: FormValues, rest: string, apiMessage: string): Placed | undefined {
  const rows = values.tables[section.key] ?? [];
  const [keyColumn] = section.columns;
  const valueColumn = section.columns[section.keyColumns ?? 1];
  if (section.kind === 'list') {
    const index = /^\d+$/.test(rest) ? Number(rest) : -1;
    const row = rows[index];
    return row && { id: cellId(section.key, row, keyColumn!.key), label: rowLabel(section, index, keyColumn!), message: keyColumn!.rule };
  }
  // Keys may hold dots themselves: the longest key the path starts with is the row.
  const matches = rows
    .map((row, index) => ({ row, index, key: keyOf(row, section) }))
    .filter(({ key }) => rest === key || rest.startsWith(`${key}.`))
    .sort((a, b) => b.key.length - a.key.length);
  const match = matches[0];
  if (!match) {
    // A key of several levels refused at an upper level (`years.25`): its first column.
    const index = rows.findIndex((row) => keyOf(row, section).startsWith(`${rest}.`));
    const row = rows[index];
    return row && { id: cellId(section.key, row, keyColumn!.key), label: rowLabel(section, index, keyColumn!), message: keyColumn!.rule };
  }
  const { row, index, key } = match;
  const at = (column = keyColumn!, message = column.rule) => ({ id: cellId(section.key, row, column.key), label: rowLabel(section, index, column), message });
  if (rest !== key) {
    const column = section.columns.find((candidate) => candidate.key === rest.slice(key.length + 1));
    return column && at(column);
  }
  if (KEY_REFUSED.test(apiMessage)) return at(keyColumn);
  if (section.scalar) return at(valueColumn);
  const firstOptional = section.columns.find((column) => column.optional);
  return firstOptional && section.rowRule ? at(firstOptional, section.rowRule) : at(keyColumn);
}

function place(sections: readonly Section[], values: FormValues, error: FieldError): Placed | undefined {
  for (const section of sections) {
    if (section.kind === 'fields') {
      const field = section.fields.find((candidate) => candidate.key === error.field);
      if (field) return { id: fieldId(field.key), label: field.label, message: field.rule };
    } else if (error.field === section.key) {
      return { id: tableId(section.key), label: section.title, message: section.rule };
    } else if (error.field.startsWith(`${section.key}.`)) {
      return placeInTable(section, values, error.field.slice(section.key.length + 1), error.message);
    }
  }
  return undefined;
}

/**
 * The API's refusal, each error at the field it names and said in the form's words (the API
 * speaks English to scripts). What cannot be placed is returned as the API said it.
 */
export function placeRefusals(sections: readonly Section[], values: FormValues, errors: readonly FieldError[]): { problems: Problems; unplaced: readonly FieldError[] } {
  const problems = new Map<string, { label: string; message: string }>();
  const unplaced: FieldError[] = [];
  for (const error of errors) {
    const placed = place(sections, values, error);
    if (placed) problems.set(placed.id, { label: placed.label, message: placed.message });
    else unplaced.push(error);
  }
  return { problems, unplaced };
}
