import { eliminate, Rational, type ExactEquation } from './exact-elimination.js';

/** The annual report as its JSON answer has it. */
export interface ReportJson {
  readonly tables: readonly {
    readonly id: string;
    readonly level: string;
    readonly columns: readonly { readonly key: string; readonly kind: string; readonly total?: boolean; readonly basedOn?: readonly string[] }[];
    readonly rows: readonly Readonly<Record<string, string | number | null>>[];
  }[];
}

/** A secret cell worked out, with the way it was found and whether the number is right. */
export interface Disclosure {
  readonly cell: string;
  readonly value: number;
  readonly truth: number;
  readonly by: 'sums' | 'bounds' | 'rate' | 'text';
}

export interface AttackResult {
  /** Secret cells of the published report recomputed (each checked against the true report). */
  readonly disclosures: readonly Disclosure[];
  /** Sums nowhere printed but worked out, with their true value (a 1 or 2 here gives a small number away too). */
  readonly impliedSums: readonly { readonly sum: string; readonly value: number }[];
  /** How many sums the attack used, and how many it dropped because the true report contradicts them. */
  readonly relationsUsed: number;
  readonly relationsDropped: number;
}

const OFFICE_TOTAL = 'Jugendamt gesamt';
const PARENTS = 'im Haushalt der Eltern/eines Elternteils/des Sorgeberechtigten';

/**
 * Σ weight · part = total, over cell names (`table|row|column`) and names of sums printed
 * nowhere (`Σ …`); weights are 1 unless given, and the total may be a printed number.
 */
interface Sum {
  readonly parts: readonly string[];
  readonly weights?: readonly number[];
  readonly total: string | number;
}

/** What the office publishes beside the report: minutes per sub-process code (its process-time catalogue). */
export interface PublicKnowledge {
  readonly minutesPerCode?: Readonly<Record<string, number>>;
}

const labelOf = (row: Readonly<Record<string, unknown>>) => String(row['row'] ?? row['team'] ?? '');
const cellName = (table: string, row: string, column: string) => `${table}|${row}|${column}`;

/**
 * The attacker of the statistical offices' rule: everything the published report prints is
 * known, and so is how its tables hang together. The sums it tries, written from docs/kpis.md and
 * from what the tables show, not from the code that suppresses:
 * - each row of a table with a total column adds up to it; the office's own row to the teams';
 * - the teams' and the social areas' columns add up to the office's row of that setting;
 * - the paragraphs' and the settings' tables count the same aids, and the same stock, begun
 *   and ended ones; Fallzahl, durations and costs repeat the paragraphs' counts;
 * - the caseload's aids of all teams are the stock; the returns by paragraph and by team, and
 *   the residences after the end, count the same ended aids, the parents' home being the returns;
 * - the sub-processes by team and by quarter count the same completions per code;
 * - the shares' ambulant aids are the ambulant ones without § 28.
 * Only sums the true report bears out are used. Then it recomputes what it can: exactly, by
 * elimination; by squeezing (counts are whole and not negative); and from published rates.
 */
export function attackReport(published: ReportJson, truth: ReportJson, knowledge: PublicKnowledge = {}): AttackResult {
  const truthValues = valuesOf(truth);
  // A team the published report lists and the true one does not has nothing to count.
  for (const name of valuesOf(published, true).keys()) if (!truthValues.has(name)) truthValues.set(name, 0);
  const sums = [...sumsOf(published), ...processMinuteSums(published, knowledge)];
  const impliedTruth = impliedValues(sums, truthValues);
  const holds = (sum: Sum) => {
    const value = (name: string | number) => (typeof name === 'number' ? name : (truthValues.get(name) ?? impliedTruth.get(name)));
    const values = [...sum.parts, sum.total].map(value);
    if (values.some((v) => v === undefined)) return true;
    return Math.abs(sum.parts.reduce((total, part, at) => total + (sum.weights?.[at] ?? 1) * value(part)!, 0) - value(sum.total)!) < 1e-6;
  };
  const used = sums.filter(holds);

  const known = new Map<string, number>();
  const secret = new Set<string>();
  for (const table of published.tables) {
    table.rows.forEach((row) => {
      for (const column of table.columns.filter((c) => c.kind === 'count')) {
        const name = cellName(table.id, labelOf(row), column.key);
        const value = row[column.key];
        if (typeof value === 'number') known.set(name, value);
        else if (value === '.') secret.add(name);
      }
    });
  }

  const disclosures: Disclosure[] = [];
  const found = (cell: string, value: number, by: Disclosure['by']) => {
    known.set(cell, value);
    if (secret.has(cell)) disclosures.push({ cell, value, truth: truthValues.get(cell)!, by });
  };
  for (let progress = true; progress;) {
    progress = false;
    for (const [cell, value] of fromRates(published, known)) {
      found(cell, value, 'rate');
      progress = true;
    }
    for (const [cell, value] of fromPrintedText(published, known)) {
      found(cell, value, 'text');
      progress = true;
    }
    const equations = used.map((sum) => equationOf(sum, known)).filter((e) => e.terms.size > 0);
    const reduced = eliminate(equations);
    for (const row of reduced) {
      if (row.terms.size !== 1) continue;
      const [unknown, coefficient] = [...row.terms][0]!;
      found(unknown, row.rhs.dividedBy(coefficient).toNumber(), 'sums');
      progress = true;
    }
    if (progress) continue;
    for (const [unknown, value] of squeezed([...equations, ...reduced])) {
      found(unknown, value, 'bounds');
      progress = true;
    }
  }
  const impliedSums = [...known].filter(([name]) => name.startsWith('Σ')).map(([sum, value]) => ({ sum, value }));
  return { disclosures, impliedSums, relationsUsed: used.length, relationsDropped: sums.length - used.length };
}

/** The count cells of a report with their numbers; with `secretToo`, the secret ones as NaN. */
function valuesOf(report: ReportJson, secretToo = false): Map<string, number> {
  const values = new Map<string, number>();
  for (const table of report.tables) {
    for (const row of table.rows) {
      for (const column of table.columns) {
        const value = row[column.key];
        if (column.kind !== 'count') continue;
        if (typeof value === 'number') values.set(cellName(table.id, labelOf(row), column.key), value);
        else if (secretToo && value === '.') values.set(cellName(table.id, labelOf(row), column.key), Number.NaN);
      }
    }
  }
  return values;
}

const printed = (value: unknown) => typeof value === 'number' || value === '.';

/** The sums the attacker knows of, over the cells the published report shows (secret or not). */
function sumsOf(report: ReportJson): Sum[] {
  const sums: Sum[] = [];
  const table = (id: string) => report.tables.find((t) => t.id === id);
  const cells = (id: string, column: string, rows?: (label: string) => boolean) =>
    (table(id)?.rows ?? []).filter((row) => printed(row[column]) && labelOf(row) !== OFFICE_TOTAL && (!rows || rows(labelOf(row)))).map((row) => cellName(id, labelOf(row), column));
  const cell = (id: string, row: string, column: string) => (table(id)?.rows.some((r) => labelOf(r) === row && printed(r[column])) ? cellName(id, row, column) : undefined);
  const sum = (parts: readonly string[], total: string | undefined) => total !== undefined && parts.length > 0 && sums.push({ parts, total });

  for (const t of report.tables) {
    const counts = t.columns.filter((c) => c.kind === 'count');
    const total = counts.find((c) => c.total);
    for (const row of t.rows) {
      if (total)
        sum(
          counts.filter((c) => !c.total && printed(row[c.key])).map((c) => cellName(t.id, labelOf(row), c.key)),
          cell(t.id, labelOf(row), total.key),
        );
    }
    if (t.rows.some((row) => labelOf(row) === OFFICE_TOTAL)) for (const c of counts) sum(cells(t.id, c.key), cell(t.id, OFFICE_TOTAL, c.key));
  }
  for (const id of ['hilfen_team', 'hilfen_sozialraum']) {
    for (const column of table(id)?.columns.filter((c) => c.kind === 'count' && !c.total) ?? []) sum(cells(id, column.key), cell('hilfen_leistungsform', column.key, 'running'));
    sum(cells(id, 'sum'), 'Σ aids running');
  }
  for (const what of ['stock', 'running', 'begun', 'ended']) {
    sum(cells('hilfen_leistungsform', what), `Σ aids ${what}`);
    sum(cells('hilfen_paragraph', what), `Σ aids ${what}`);
  }
  for (const row of table('hilfen_paragraph')?.rows ?? []) {
    const paragraph = labelOf(row);
    sum([cellName('hilfen_paragraph', paragraph, 'running')], cell('kosten_paragraph', paragraph, 'aids'));
    sum([cellName('hilfen_paragraph', paragraph, 'stock')], cell('fallzahl', paragraph, 'stock'));
    sum([cellName('hilfen_paragraph', paragraph, 'ended')], cell('fallzahl', paragraph, 'ended'));
    sum([cellName('hilfen_paragraph', paragraph, 'ended')], cell('beendigungen', paragraph, 'ended'));
  }
  sum(cells('fachkraft_fall_relation', 'aids'), 'Σ aids stock');
  for (const id of ['rueckfuehrung', 'rueckfuehrung_team']) {
    sum(cells(id, 'denominator'), 'Σ returns base');
    sum(cells(id, 'numerator'), 'Σ returns home');
  }
  sum(cells('aufenthalt', 'count'), 'Σ returns base');
  sum(['Σ returns home'], cell('aufenthalt', PARENTS, 'count'));
  const codes = table('teilprozesse_team')?.columns.filter((c) => c.kind === 'count' && !c.total) ?? [];
  for (const { key: code } of codes) {
    sum(cells('teilprozesse_team', code), `Σ sub-processes ${code}`);
    sum(
      cells('teilprozesse_quartal', 'sum', (label) => label.startsWith(`${code} (`)),
      `Σ sub-processes ${code}`,
    );
  }
  sum(cells('teilprozesse_team', 'sum'), 'Σ sub-processes');
  sum(cells('teilprozesse_quartal', 'sum'), 'Σ sub-processes');
  const shares = (column: string) => cell('anteile_leistungsform', '', column);
  sum([shares('semi')!].filter(Boolean), cell('hilfen_leistungsform', 'teilstationär', 'running'));
  sum([shares('stationary')!].filter(Boolean), cell('hilfen_leistungsform', 'stationär', 'running'));
  const without28 = [shares('ambulant'), cell('hilfen_paragraph', '§ 28', 'running')];
  if (without28.every(Boolean)) sum(without28 as string[], cell('hilfen_leistungsform', 'ambulant', 'running'));
  return sums;
}

/** The true values of the sums printed nowhere, from sums whose other members are known. */
function impliedValues(sums: readonly Sum[], values: ReadonlyMap<string, number>): Map<string, number> {
  const implied = new Map<string, number>();
  const value = (name: string) => values.get(name) ?? implied.get(name);
  for (let progress = true; progress;) {
    progress = false;
    for (const { parts, weights, total } of sums) {
      if (typeof total === 'string' && !weights && value(total) === undefined && parts.every((part) => value(part) !== undefined)) {
        implied.set(
          total,
          parts.reduce((s, part) => s + value(part)!, 0),
        );
        progress = true;
      }
    }
  }
  return implied;
}

function equationOf({ parts, weights, total }: Sum, known: ReadonlyMap<string, number>): ExactEquation {
  const terms = new Map<string, Rational>();
  let rhs = Rational.of(0n);
  const add = (name: string | number, coefficient: Rational) => {
    const value = typeof name === 'number' ? name : known.get(name);
    if (value !== undefined) rhs = rhs.minus(exactly(value).times(coefficient));
    else {
      const sum = (terms.get(name as string) ?? Rational.of(0n)).plus(coefficient);
      if (sum.isZero) terms.delete(name as string);
      else terms.set(name as string, sum);
    }
  };
  parts.forEach((part, at) => add(part, exactly(weights?.[at] ?? 1)));
  add(total, Rational.of(-1n));
  return { terms, rhs };
}

/** A printed number as a fraction: minutes and counts are whole, FTE have a few decimals. */
function exactly(value: number): Rational {
  const thousandths = Math.round(value * 1000);
  if (Math.abs(thousandths - value * 1000) > 1e-6) throw new Error(`${value} has more than three decimals`);
  return Rational.of(BigInt(thousandths), 1000n);
}

/**
 * A team's process minutes are its completed sub-processes per code times the catalogue's
 * minutes for the code (docs/kpis.md 6): one more sum, weighted, over the team's counts.
 */
function processMinuteSums(published: ReportJson, { minutesPerCode }: PublicKnowledge): Sum[] {
  const requirement = published.tables.find((t) => t.id === 'personalbedarf');
  const byTeam = published.tables.find((t) => t.id === 'teilprozesse_team');
  if (!minutesPerCode || !requirement || !byTeam) return [];
  const codes = byTeam.columns.filter((c) => c.kind === 'count' && !c.total).map((c) => c.key);
  return requirement.rows.flatMap((row) => {
    const team = labelOf(row);
    const minutes = row['processMinutes'];
    const counted = codes.filter((code) => minutesPerCode[code] !== undefined && byTeam.rows.some((r) => labelOf(r) === team && printed(r[code])));
    if (typeof minutes !== 'number' || counted.length === 0) return [];
    return [{ parts: counted.map((code) => cellName('teilprozesse_team', team, code)), weights: counted.map((code) => minutesPerCode[code]!), total: minutes }];
  });
}

/**
 * Counts printed in text: the caseload `1:x,y` (aids ÷ FTE, FTE printed beside it) and the
 * codes without a process time, `09.01 (2)`, with the team's count of the code.
 */
function fromPrintedText(published: ReportJson, known: ReadonlyMap<string, number>): Map<string, number> {
  const found = new Map<string, number>();
  const learn = (cell: string, value: number) => !known.has(cell) && found.set(cell, value);
  for (const row of published.tables.find((t) => t.id === 'fachkraft_fall_relation')?.rows ?? []) {
    const relation = /^1:(\d+),(\d)$/.exec(String(row['relation'] ?? ''));
    const fte = row['caseWorkerFte'];
    if (!relation || typeof fte !== 'number' || fte <= 0) continue;
    const printedRatio = Number(`${relation[1]}.${relation[2]}`);
    const candidates = wholeNumbersIn((printedRatio - 0.05) * fte, (printedRatio + 0.05) * fte).filter((aids) => Math.abs(Math.round((aids / fte) * 10) / 10 - printedRatio) < 1e-9);
    if (candidates.length === 1) learn(cellName('fachkraft_fall_relation', labelOf(row), 'aids'), candidates[0]!);
  }
  for (const row of published.tables.find((t) => t.id === 'personalbedarf')?.rows ?? []) {
    for (const [, code, count] of String(row['withoutProcessTime'] ?? '').matchAll(/(\d{2}\.\d{2}) \((\d+)\)/g)) learn(cellName('teilprozesse_team', labelOf(row), code!), Number(count));
  }
  return found;
}

/** Unknowns pinned to one whole number ≥ 0 by the bounds the equations put on each other. */
function squeezed(equations: readonly ExactEquation[]): Map<string, number> {
  const bounds = new Map<string, [number, number]>();
  for (const { terms } of equations) for (const unknown of terms.keys()) bounds.set(unknown, [0, Infinity]);
  for (let sweep = 0, changed = true; changed && sweep < 100; sweep++) {
    changed = false;
    for (const { terms, rhs } of equations) {
      const entries = [...terms].map(([unknown, a]) => [unknown, a.toNumber()] as const);
      for (const [unknown, a] of entries) {
        // a·x = rhs − Σ others: the least and the most the others can be.
        let least = 0;
        let most = 0;
        for (const [other, b] of entries) {
          if (other === unknown) continue;
          const [low, high] = bounds.get(other)!;
          least += b > 0 ? b * low : b * high;
          most += b > 0 ? b * high : b * low;
        }
        if (Number.isNaN(least) || Number.isNaN(most)) continue;
        const ends = [(rhs.toNumber() - most) / a, (rhs.toNumber() - least) / a].filter((v) => !Number.isNaN(v));
        if (ends.length < 2) continue;
        const [low, high] = bounds.get(unknown)!;
        const newLow = Math.max(low, Math.ceil(Math.min(...ends) - 1e-9));
        const newHigh = Math.min(high, Math.floor(Math.max(...ends) + 1e-9));
        if (newLow > low || newHigh < high) {
          bounds.set(unknown, [newLow, newHigh]);
          changed = true;
        }
      }
    }
  }
  return new Map([...bounds].filter(([, [low, high]]) => low === high).map(([unknown, [value]]) => [unknown, value]));
}

/**
 * Counts given back by a published rate (one decimal, × 100) or ratio (two decimals) whose
 * other count is known: the one whole number that rounds to what is printed.
 */
function fromRates(published: ReportJson, known: ReadonlyMap<string, number>): Map<string, number> {
  const found = new Map<string, number>();
  for (const table of published.tables) {
    for (const column of table.columns) {
      if ((column.kind !== 'rate' && column.kind !== 'ratio') || column.basedOn?.length !== 2) continue;
      const [top, bottom] = column.basedOn;
      if (table.columns.find((c) => c.key === top)?.kind !== 'count' || table.columns.find((c) => c.key === bottom)?.kind !== 'count') continue;
      const scale = column.kind === 'rate' ? 100 : 1;
      const decimals = column.kind === 'rate' ? 1 : 2;
      const half = 0.5 / 10 ** decimals;
      for (const row of table.rows) {
        const printed = row[column.key];
        if (typeof printed !== 'number') continue;
        const printedAs = (top: number, bottom: number) => bottom > 0 && Math.abs(Math.round(((top * scale) / bottom) * 10 ** decimals) / 10 ** decimals - printed) < 1e-9;
        const [topName, bottomName] = [cellName(table.id, labelOf(row), top!), cellName(table.id, labelOf(row), bottom!)];
        const [topValue, bottomValue] = [known.get(topName), known.get(bottomName)];
        if (topValue === undefined && bottomValue !== undefined) {
          const candidates = wholeNumbersIn(((printed - half) * bottomValue) / scale, ((printed + half) * bottomValue) / scale).filter((n) => printedAs(n, bottomValue));
          if (candidates.length === 1) found.set(topName, candidates[0]!);
        } else if (bottomValue === undefined && topValue !== undefined && printed > 0) {
          const candidates = wholeNumbersIn((topValue * scale) / (printed + half), (topValue * scale) / (printed - half)).filter((d) => printedAs(topValue, d));
          if (candidates.length === 1) found.set(bottomName, candidates[0]!);
        }
      }
    }
  }
  return found;
}

function wholeNumbersIn(from: number, to: number): number[] {
  const result: number[] = [];
  if (!Number.isFinite(to) || to - from > 100_000) return result;
  for (let n = Math.max(0, Math.ceil(from - 1e-9)); n <= to + 1e-9; n++) result.push(n);
  return result;
}
