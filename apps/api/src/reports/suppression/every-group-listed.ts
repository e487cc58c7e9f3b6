import { OFFICE_TOTAL } from '../office-total.js';
import type { Cell, ReportTable } from '../report-table.js';

/** Tables whose rows are the office's teams or social areas, by the dimension of their rows. */
const ROWS_OF: Readonly<Record<string, 'team' | 'socialArea'>> = {
  hilfen_team: 'team',
  rueckfuehrung_team: 'team',
  teilprozesse_team: 'team',
  fluktuation: 'team',
  fachkraft_fall_relation: 'team',
  hilfen_sozialraum: 'socialArea',
};

/**
 * Each suppressed table of teams (or social areas) lists every team the report knows, with 0
 * where the team has nothing. A table that lists only the one team with returns gives that
 * team's secret away, however it is suppressed, to whoever knows the office's total; a team
 * listed with 0 can be made secret in its stead.
 */
export function withEveryGroupListed(tables: readonly ReportTable[], suppressed: (table: ReportTable) => boolean): ReportTable[] {
  const known = { team: new Set<string>(), socialArea: new Set<string>() };
  for (const table of tables) {
    const dimension = ROWS_OF[table.id];
    if (dimension) for (const row of table.rows) if (row['row'] !== OFFICE_TOTAL) known[dimension].add(String(row['row']));
  }
  return tables.map((table) => {
    const dimension = ROWS_OF[table.id];
    if (!dimension || !suppressed(table)) return table;
    const listed = new Set(table.rows.map((row) => String(row['row'])));
    const missing = [...known[dimension]].filter((label) => !listed.has(label));
    const nothing = (label: string): Record<string, Cell> => Object.fromEntries(table.columns.map((c) => [c.key, c.key === 'row' ? label : c.kind === 'count' ? 0 : c.kind === 'text' ? '' : null]));
    return missing.length ? { ...table, rows: [...table.rows, ...missing.map(nothing)] } : table;
  });
}
