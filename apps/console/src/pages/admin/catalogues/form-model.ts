/**
 * A catalogue as a form: tables of rows (a list, or a record whose first column is the key) and
 * single fields. One model serves the readable view, the editor, its checks and the changes
 * between two versions, whatever the catalogue.
 */

/** How a value is typed: free text, a German number, or one of fixed options. */
export type InputKind = { readonly kind: 'text' } | { readonly kind: 'number' } | { readonly kind: 'choice'; readonly options: readonly string[] };

export interface Column {
  /** The property in the catalogue (for a record's key column: a name of our own). */
  readonly key: string;
  readonly label: string;
  readonly input: InputKind;
  /** May stay empty (an aid type may name a setting without a paragraph). */
  readonly optional?: boolean;
  /** What the API requires of it, in German: shown when the API refuses the value. */
  readonly rule: string;
  readonly hint?: string;
}

/** `list`: an array of values; `record`: keyed rows, the first column the key; `scalar` when each key maps to one value. */
export interface TableSection {
  readonly kind: 'list' | 'record';
  /** The catalogue's property the table holds. */
  readonly key: string;
  readonly title: string;
  readonly description: string;
  readonly columns: readonly Column[];
  /** Whether a record's value is the column after the key itself rather than an object of the others. */
  readonly scalar?: boolean;
  /** How many leading columns make a record's key, a level of the record each (year, then social area); 1 unless said. */
  readonly keyColumns?: number;
  /** What the API requires of the table as a whole (at least one row, each once), in German. */
  readonly rule: string;
  /** What the API requires of one row beyond its cells (a record entry's own check), in German. */
  readonly rowRule?: string;
  /** The unit of one row, for buttons: `Hilfeart hinzufügen`. */
  readonly rowNoun: string;
}

export interface FieldsSection {
  readonly kind: 'fields';
  readonly key: string;
  readonly title: string;
  readonly fields: readonly Column[];
}

export type Section = TableSection | FieldsSection;

export interface Row {
  /** Stable while editing, so React keeps focus and errors on the row the user works in. */
  readonly id: string;
  readonly cells: Readonly<Record<string, string>>;
}

export interface FormValues {
  readonly tables: Readonly<Record<string, readonly Row[]>>;
  readonly fields: Readonly<Record<string, string>>;
}

let rowCount = 0;

export function newRow(cells: Readonly<Record<string, string>>): Row {
  rowCount += 1;
  return { id: `zeile-${rowCount}`, cells };
}

/** Where an error is shown: a cell, a single field, or a table as a whole. */
export function cellId(table: string, row: Row, column: string): string {
  return `${table}--${row.id}--${column}`;
}

export function fieldId(field: string): string {
  return `feld--${field}`;
}

export function tableId(table: string): string {
  return `tabelle--${table}`;
}

/** The columns that make a record's key. */
export function keyColumnsOf(section: TableSection): readonly Column[] {
  return section.columns.slice(0, section.keyColumns ?? 1);
}

/** A record's key as stored: the API trims it too. A key of several levels as the API's field paths write it, `2025.SR 01`. */
export function keyOf(row: Row, section: TableSection): string {
  return keyColumnsOf(section)
    .map((column) => (row.cells[column.key] ?? '').trim())
    .join('.');
}

/** A record's key as the form shows it: `2025 · SR 01` for a key of several levels. */
export function keyText(row: Row, section: TableSection): string {
  return keyColumnsOf(section)
    .map((column) => (row.cells[column.key] ?? '').trim())
    .join(' · ');
}
