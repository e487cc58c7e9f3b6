/** Σ parts = total, over variable numbers: a sum the report publishes or implies. */
export interface Relation {
  readonly parts: readonly number[];
  readonly total: number;
}

/** What an attacker who knows every published value and every relation can say about the rest. */
export interface AuditResult {
  /** Unknowns whose value follows exactly from the relations. */
  readonly determined: ReadonlySet<number>;
  /** Unknowns whose possible values (counts are whole and not negative) narrow to one. */
  readonly pinned: ReadonlySet<number>;
}

const EPSILON = 1e-9;
/** Interval propagation stops after this many sweeps; each sweep only narrows, so stopping early errs towards "not pinned" only where nothing changed much. */
const MAX_SWEEPS = 60;

type Row = { terms: Map<number, number>; rhs: number };

/**
 * Audits a set of unknowns against additive relations, as the statistical offices' attacker
 * would: Gauss-Jordan elimination over the unknowns (a value that follows from published
 * sums, however many relations it takes) and bounds propagation with counts ≥ 0 (a value
 * squeezed to one number, e.g. two unknowns summing to 0). `values` holds every known value.
 */
export function auditDisclosure(relations: readonly Relation[], values: readonly number[], unknown: ReadonlySet<number>): AuditResult {
  const equations = relations.map((relation) => equationOf(relation, values, unknown)).filter((row) => row.terms.size > 0);
  const reduced = reducedRows(equations);
  const determined = new Set<number>();
  for (const [pivot, row] of reduced) if (row.terms.size === 1) determined.add(pivot);
  const bounds = propagatedBounds([...equations, ...reduced.values()], unknown);
  const pinned = new Set<number>();
  for (const [variable, [low, high]] of bounds) if (high - low < 1 - EPSILON && low <= high + EPSILON) pinned.add(variable);
  return { determined, pinned };
}

/** Σ parts − total = 0 with the known values moved to the right-hand side. */
function equationOf(relation: Relation, values: readonly number[], unknown: ReadonlySet<number>): Row {
  const terms = new Map<number, number>();
  let rhs = 0;
  const add = (variable: number, coefficient: number) => {
    if (unknown.has(variable)) {
      const sum = (terms.get(variable) ?? 0) + coefficient;
      if (Math.abs(sum) < EPSILON) terms.delete(variable);
      else terms.set(variable, sum);
    } else rhs -= coefficient * values[variable]!;
  };
  for (const part of relation.parts) add(part, 1);
  add(relation.total, -1);
  return { terms, rhs };
}

/** The reduced row echelon form, one row per pivot; a pivot row with no other term determines its pivot. */
function reducedRows(equations: readonly Row[]): Map<number, Row> {
  const pivots = new Map<number, Row>();
  /** Which pivot rows mention a variable, so a new pivot is eliminated from them without a scan. */
  const mentions = new Map<number, Set<number>>();
  const mention = (variable: number, pivot: number) => {
    let set = mentions.get(variable);
    if (!set) mentions.set(variable, (set = new Set()));
    set.add(pivot);
  };
  for (const equation of equations) {
    const row: Row = { terms: new Map(equation.terms), rhs: equation.rhs };
    for (const [variable, coefficient] of [...row.terms]) {
      const pivotRow = pivots.get(variable);
      if (pivotRow && row.terms.has(variable)) subtract(row, pivotRow, row.terms.get(variable) ?? coefficient);
    }
    if (row.terms.size === 0) continue;
    let pivot = -1;
    let largest = 0;
    for (const [variable, coefficient] of row.terms) {
      if (Math.abs(coefficient) > largest + EPSILON) [pivot, largest] = [variable, Math.abs(coefficient)];
    }
    const scale = row.terms.get(pivot)!;
    for (const [variable, coefficient] of row.terms) row.terms.set(variable, coefficient / scale);
    row.rhs /= scale;
    for (const other of [...(mentions.get(pivot) ?? [])]) {
      const otherRow = pivots.get(other)!;
      const factor = otherRow.terms.get(pivot);
      if (factor !== undefined) {
        subtract(otherRow, row, factor);
        for (const variable of row.terms.keys()) if (otherRow.terms.has(variable)) mention(variable, other);
      }
      mentions.get(pivot)!.delete(other);
    }
    pivots.set(pivot, row);
    for (const variable of row.terms.keys()) mention(variable, pivot);
  }
  return pivots;
}

/** row −= factor × other */
function subtract(row: Row, other: Row, factor: number): void {
  for (const [variable, coefficient] of other.terms) {
    const value = (row.terms.get(variable) ?? 0) - factor * coefficient;
    if (Math.abs(value) < EPSILON) row.terms.delete(variable);
    else row.terms.set(variable, value);
  }
  row.rhs -= factor * other.rhs;
}

/** Bounds of each unknown from Σ a·x = b with every unknown a whole number ≥ 0. */
function propagatedBounds(rows: readonly Row[], unknown: ReadonlySet<number>): Map<number, [number, number]> {
  const bounds = new Map<number, [number, number]>([...unknown].map((variable) => [variable, [0, Infinity]]));
  for (let sweep = 0, changed = true; changed && sweep < MAX_SWEEPS; sweep++) {
    changed = false;
    for (const row of rows) {
      const span = spanOf(row, bounds);
      for (const [variable, a] of row.terms) {
        const [low, high] = bounds.get(variable)!;
        const own = termSpan(a, low, high);
        // What the other terms can add up to: a·x = b − others.
        const othersLeast = span.leastInfinite - (own[0] === -Infinity ? 1 : 0) > 0 ? -Infinity : span.least - (own[0] === -Infinity ? 0 : own[0]);
        const othersMost = span.mostInfinite - (own[1] === Infinity ? 1 : 0) > 0 ? Infinity : span.most - (own[1] === Infinity ? 0 : own[1]);
        const [from, to] = [(row.rhs - othersMost) / a, (row.rhs - othersLeast) / a];
        const newLow = Math.max(low, Math.ceil(Math.min(from, to) - EPSILON));
        const newHigh = Math.min(high, Math.floor(Math.max(from, to) + EPSILON));
        if (newLow > low || newHigh < high) {
          bounds.set(variable, [newLow, newHigh]);
          changed = true;
        }
      }
    }
  }
  return bounds;
}

/** The least and the most a·x can be. */
function termSpan(a: number, low: number, high: number): [number, number] {
  return a > 0 ? [a * low, a * high] : [a * high, a * low];
}

/** The least and the most Σ a·x can be, the infinite terms counted apart (∞ − ∞ has no value). */
function spanOf(row: Row, bounds: ReadonlyMap<number, [number, number]>) {
  const span = { least: 0, leastInfinite: 0, most: 0, mostInfinite: 0 };
  for (const [variable, a] of row.terms) {
    const [least, most] = termSpan(a, ...bounds.get(variable)!);
    if (least === -Infinity) span.leastInfinite++;
    else span.least += least;
    if (most === Infinity) span.mostInfinite++;
    else span.most += most;
  }
  return span;
}
