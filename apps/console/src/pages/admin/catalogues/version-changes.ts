import { keyOf, keyText, type Column, type FormValues, type Row, type Section, type TableSection } from './form-model';

export type ChangeKind = 'hinzugefügt' | 'geändert' | 'entfernt';

/** One difference between two versions, in the words of the form. */
export interface Change {
  readonly kind: ChangeKind;
  readonly section: string;
  readonly entry: string;
  readonly before: string;
  readonly after: string;
}

const shown = (text: string | undefined) => text?.trim() || '–';

function describe(row: Row, columns: readonly Column[]): string {
  return columns.map((column) => `${column.label}: ${shown(row.cells[column.key])}`).join(' · ');
}

function tableChanges(section: TableSection, before: readonly Row[], after: readonly Row[]): Change[] {
  const change = (kind: ChangeKind, entry: string, was: string, is: string): Change => ({ kind, section: section.title, entry, before: was, after: is });
  if (section.kind === 'list') {
    const had = new Set(before.map((row) => keyOf(row, section)));
    const has = new Set(after.map((row) => keyOf(row, section)));
    return [
      ...[...has].filter((value) => !had.has(value)).map((value) => change('hinzugefügt', value, '–', value)),
      ...[...had].filter((value) => !has.has(value)).map((value) => change('entfernt', value, value, '–')),
    ];
  }
  const values = section.columns.slice(section.keyColumns ?? 1);
  const byKey = (rows: readonly Row[]) => new Map(rows.map((row) => [keyOf(row, section), row]));
  const was = byKey(before);
  const is = byKey(after);
  const changes: Change[] = [];
  for (const [key, row] of is) {
    const old = was.get(key);
    if (!old) changes.push(change('hinzugefügt', keyText(row, section), '–', describe(row, values)));
    else {
      const differing = values.filter((column) => shown(old.cells[column.key]) !== shown(row.cells[column.key]));
      if (differing.length) changes.push(change('geändert', keyText(row, section), describe(old, differing), describe(row, differing)));
    }
  }
  for (const [key, row] of was) if (!is.has(key)) changes.push(change('entfernt', keyText(row, section), describe(row, values), '–'));
  return changes;
}

/** What a version changed against the one before it: entries added, removed, changed. */
export function changesBetween(sections: readonly Section[], before: FormValues, after: FormValues): Change[] {
  return sections.flatMap((section) =>
    section.kind === 'fields'
      ? section.fields
          .filter((field) => shown(before.fields[field.key]) !== shown(after.fields[field.key]))
          .map((field): Change => ({ kind: 'geändert', section: section.title, entry: field.label, before: shown(before.fields[field.key]), after: shown(after.fields[field.key]) }))
      : tableChanges(section, before.tables[section.key] ?? [], after.tables[section.key] ?? []),
  );
}

/** `1 hinzugefügt, 2 geändert` or `keine Änderung`. */
export function changeSummary(changes: readonly Change[]): string {
  const kinds: ChangeKind[] = ['hinzugefügt', 'geändert', 'entfernt'];
  const counted = kinds.map((kind) => [kind, changes.filter((change) => change.kind === kind).length] as const).filter(([, count]) => count > 0);
  return counted.length ? counted.map(([kind, count]) => `${count} ${kind}`).join(', ') : 'keine Änderung';
}
