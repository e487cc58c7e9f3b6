import { isSmallCount, SECRET } from '@jugendamt/domain';
import type { Cell, ReportTable } from '../report-table.js';
import { additiveModel, type AdditiveModel } from './additive-model.js';
import { COMPUTED_FROM } from './cell-meanings.js';
import { withEveryGroupListed } from './every-group-listed.js';
import { auditDisclosure, type Relation } from './disclosure-audit.js';

/** Which tables are suppressed: every one (for publication), those below the office (planners), or none. */
export type Suppression = 'none' | 'all' | 'team-tables';

/**
 * Small-number suppression over the whole report (docs/kpis.md, the statistical offices' rule):
 * every count of 1 or 2 becomes `.`, totals included; then, as long as an attacker who knows
 * every published number and every sum between them (rows, columns, the office's table
 * against the teams', the same number in two tables) could work out a secret cell exactly or
 * squeeze it to one value, the smallest published cell beside it is made secret too — a 0
 * included, so that a column of zeros does not give its one secret away (for that, team
 * tables list every team). In planners' reports the office's tables stay as they are and
 * count as known. Last, a rate, mean or other value computed from a small or secret count is
 * secret too.
 */
export function protectReport(given: readonly ReportTable[], suppression: Suppression): ReportTable[] {
  if (suppression === 'none') return [...given];
  const suppressed = (table: ReportTable) => suppression === 'all' || table.level === 'team';
  const tables = withEveryGroupListed(given, suppressed);
  const model = additiveModel(tables);
  const { variables } = model;
  const implied = (variable: number) => variables[variable]!.cells.length === 0;
  // A number also published in a table that stays as it is cannot be kept secret.
  const hideable = variables.map(({ cells }) => cells.length > 0 && cells.every((cell) => suppressed(tables[cell.table]!)));
  const secret = new Set<number>();
  variables.forEach(({ value }, variable) => hideable[variable] && isSmallCount(value) && secret.add(variable));
  // Implied sums of 1 or 2 are small numbers too, unless planners read them in an office table anyway.
  const mustStaySecret = (variable: number) => secret.has(variable) || (suppression === 'all' && implied(variable) && isSmallCount(variables[variable]!.value));

  const relationsOf = indexRelations(model.relations, variables.length);
  for (let pass = 0; pass < variables.length; pass++) {
    const unknown = new Set([...variables.keys()].filter((variable) => secret.has(variable) || implied(variable)));
    const { determined, pinned } = auditDisclosure(
      model.relations,
      variables.map((v) => v.value),
      unknown,
    );
    const disclosed = [...new Set([...determined, ...pinned])].filter(mustStaySecret).sort((a, b) => a - b);
    let added = false;
    // One cover often settles several secrets of the same sums: those wait for the next audit.
    const covered = new Set<number>();
    for (const variable of disclosed) {
      if (relationsOf[variable]!.some((relation) => covered.has(relation))) continue;
      const cover = coverFor(variable, model.relations, relationsOf, (candidate) => hideable[candidate]! && !secret.has(candidate), unknown, variables);
      if (cover === undefined) continue;
      secret.add(cover);
      for (const relation of relationsOf[cover]!) covered.add(relation);
      added = true;
    }
    if (!added) break;
  }
  return tables.map((table, at) => (suppressed(table) ? publishedTable(table, at, model, secret) : table));
}

function indexRelations(relations: readonly Relation[], count: number): number[][] {
  const index: number[][] = Array.from({ length: count }, () => []);
  relations.forEach(({ parts, total }, at) => {
    for (const member of [...parts, total]) index[member]!.push(at);
  });
  return index;
}

/**
 * The published cell to hide so that `variable` is no longer given away: the smallest in a sum
 * with it, else in a sum with one of that sum's unknowns, and so on outwards.
 */
function coverFor(
  variable: number,
  relations: readonly Relation[],
  relationsOf: readonly number[][],
  candidate: (variable: number) => boolean,
  unknown: ReadonlySet<number>,
  variables: AdditiveModel['variables'],
): number | undefined {
  const seenRelations = new Set<number>();
  const seenUnknowns = new Set([variable]);
  let frontier = [variable];
  while (frontier.length > 0) {
    const candidates: number[] = [];
    const next: number[] = [];
    for (const reached of frontier) {
      for (const at of relationsOf[reached]!) {
        if (seenRelations.has(at)) continue;
        seenRelations.add(at);
        for (const member of [...relations[at]!.parts, relations[at]!.total]) {
          if (candidate(member)) candidates.push(member);
          else if (unknown.has(member) && !seenUnknowns.has(member)) {
            seenUnknowns.add(member);
            next.push(member);
          }
        }
      }
    }
    if (candidates.length > 0) return candidates.reduce((best, c) => (variables[c]!.value < variables[best]!.value || (variables[c]!.value === variables[best]!.value && c < best) ? c : best));
    frontier = next;
  }
  return undefined;
}

/**
 * The table as published: its secret counts as `.`, and every value computed from a small or
 * secret count (a rate or mean, per its `basedOn` or the ledger of what is computed from what).
 */
function publishedTable(table: ReportTable, at: number, model: AdditiveModel, secret: ReadonlySet<number>): ReportTable {
  const hiddenCells = new Set<string>();
  model.variables.forEach(({ cells, value }, variable) => {
    for (const cell of cells) if (cell.table === at && (secret.has(variable) || isSmallCount(value))) hiddenCells.add(`${cell.row}:${cell.column}`);
  });
  const giveAway = (variable: number) => secret.has(variable) || isSmallCount(model.variables[variable]!.value);
  const computedFrom = COMPUTED_FROM[table.id] ?? {};
  const rows = table.rows.map((row, rowAt) => {
    const published: Record<string, Cell> = { ...row };
    for (const column of table.columns) if (hiddenCells.has(`${rowAt}:${column.key}`)) published[column.key] = SECRET;
    for (const column of table.columns) {
      if (row[column.key] === null || row[column.key] === undefined || row[column.key] === '') continue;
      const fromRow = (column.basedOn ?? []).some((base) => published[base] === SECRET || (typeof row[base] === 'number' && isSmallCount(row[base] as number)));
      const fromElsewhere = (computedFrom[column.key]?.(row) ?? []).some((pattern) => model.matching(pattern).some(giveAway));
      if (fromRow || fromElsewhere) published[column.key] = SECRET;
    }
    return published;
  });
  return { ...table, rows };
}
