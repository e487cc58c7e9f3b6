import type { ReportTable } from '../report-table.js';
import { IDENTITIES, meaningOf, type CellMeaning, type CountPattern } from './cell-meanings.js';
import type { Relation } from './disclosure-audit.js';

export interface CellRef {
  readonly table: number;
  readonly row: number;
  readonly column: string;
}

/** One number of the report: the cells that publish it (none for a sum the report only implies) and its value. */
export interface Variable {
  readonly key: string;
  /** NaN for an implied sum the published numbers do not pin down. */
  value: number;
  readonly cells: CellRef[];
}

export interface AdditiveModel {
  readonly variables: readonly Variable[];
  /** Only sums the report's own numbers bear out. */
  readonly relations: readonly Relation[];
  /** The variables of a pattern the report has. */
  matching(pattern: CountPattern): number[];
}

const keyOf = ({ measure, at }: CellMeaning): string =>
  `${measure}|${JSON.stringify(
    Object.keys(at)
      .sort()
      .map((dimension) => [dimension, at[dimension]]),
  )}`;

interface Group {
  readonly members: number[];
  readonly total: CellMeaning;
}

/**
 * The report as numbers and the sums between them: cells of the same meaning are one number;
 * for every measure, the cells along one dimension add up to the cell without it (published or
 * implied: the office's aids of a setting are the sum over the teams, and also over the social
 * areas). A sum the true numbers contradict (a person who changed teams counts in both) is
 * left out, so no relation claims more than the report shows.
 */
export function additiveModel(tables: readonly ReportTable[]): AdditiveModel {
  const variables: Variable[] = [];
  const meanings: (CellMeaning | undefined)[] = [];
  const byKey = new Map<string, number>();
  const add = (key: string, meaning: CellMeaning | undefined, value: number): number => {
    variables.push({ key, value, cells: [] });
    meanings.push(meaning);
    byKey.set(key, variables.length - 1);
    return variables.length - 1;
  };

  tables.forEach((table, at) => {
    table.rows.forEach((row, rowAt) => {
      for (const column of table.columns) {
        const value = row[column.key];
        const meaning = meaningOf(table, row, column);
        if (!meaning || typeof value !== 'number') continue;
        const key = keyOf(meaning);
        let variable = byKey.get(key);
        // The same meaning with another number: not the same number after all, and tied to no sum.
        if (variable !== undefined && variables[variable]!.value !== value) variable = add(`${key}#${table.id}:${rowAt}:${column.key}`, undefined, value);
        variable ??= add(key, meaning, value);
        variables[variable]!.cells.push({ table: at, row: rowAt, column: column.key });
      }
    });
  });

  const relations: Relation[] = [];
  for (const group of marginGroups(meanings, (meaning) => byKey.get(keyOf(meaning)) ?? add(keyOf(meaning), meaning, Number.NaN)).values()) {
    relations.push({ parts: group.members, total: byKey.get(keyOf(group.total))! });
  }
  for (const identity of IDENTITIES) {
    const parts = identity.parts.map((meaning) => byKey.get(keyOf(meaning)));
    const total = byKey.get(keyOf(identity.total));
    if (total !== undefined && parts.every((part) => part !== undefined)) relations.push({ parts: parts as number[], total });
  }
  settleImpliedSums(variables, relations);
  return {
    variables,
    relations: relations.filter((relation) => !contradicted(relation, variables)),
    matching: (pattern) => {
      if (!pattern.anyOf) return [byKey.get(keyOf(pattern))].filter((variable) => variable !== undefined);
      const dimensions = Object.keys(pattern.at).length + 1;
      return meanings.flatMap((meaning, variable) =>
        meaning?.measure === pattern.measure && pattern.anyOf! in meaning.at && Object.keys(meaning.at).length === dimensions && Object.entries(pattern.at).every(([d, v]) => meaning.at[d] === v)
          ? [variable]
          : [],
      );
    },
  };
}

/**
 * The cells along each dimension, grouped by everything else: each group adds up to the cell
 * without that dimension, which `totalOf` finds or adds (and then groups in turn), until no
 * new sum appears. Only then is every group complete.
 */
function marginGroups(meanings: (CellMeaning | undefined)[], totalOf: (meaning: CellMeaning) => number): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (let next = 0; next < meanings.length; next++) {
    const meaning = meanings[next];
    if (!meaning) continue;
    const dimensions = Object.keys(meaning.at).sort();
    for (const dimension of dimensions) {
      const rest: Record<string, string> = { ...meaning.at };
      delete rest[dimension];
      const total = { measure: meaning.measure, at: rest };
      const groupKey = `${keyOf(total)}|${dimensions.join(',')}|${dimension}`;
      let group = groups.get(groupKey);
      if (!group) {
        groups.set(groupKey, (group = { members: [], total }));
        totalOf(total);
      }
      group.members.push(next);
    }
  }
  return groups;
}

/** Values of implied sums from relations where all else is known; repeated until nothing more follows. */
function settleImpliedSums(variables: Variable[], relations: readonly Relation[]): void {
  for (let progress = true; progress;) {
    progress = false;
    for (const { parts, total } of relations) {
      const members = [...parts, total];
      const open = members.filter((member) => Number.isNaN(variables[member]!.value));
      if (open.length !== 1) continue;
      const known = (member: number) => (Number.isNaN(variables[member]!.value) ? 0 : variables[member]!.value);
      const sumOfParts = parts.reduce((sum, part) => sum + known(part), 0);
      variables[open[0]!]!.value = open[0] === total ? sumOfParts : known(total) - (sumOfParts - known(open[0]!));
      progress = true;
    }
  }
}

function contradicted({ parts, total }: Relation, variables: readonly Variable[]): boolean {
  const values = [...parts, total].map((member) => variables[member]!.value);
  if (values.some(Number.isNaN)) return false;
  return Math.abs(parts.reduce((sum, part) => sum + variables[part]!.value, 0) - variables[total]!.value) > 1e-9;
}
