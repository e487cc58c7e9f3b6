/** A fraction of two big integers, always reduced, the denominator positive. */
export class Rational {
  private constructor(
    readonly numerator: bigint,
    readonly denominator: bigint,
  ) {}

  static of(numerator: bigint, denominator = 1n): Rational {
    if (denominator === 0n) throw new Error('division by zero');
    const sign = denominator < 0n ? -1n : 1n;
    const divisor = gcd(numerator < 0n ? -numerator : numerator, denominator < 0n ? -denominator : denominator) || 1n;
    return new Rational((sign * numerator) / divisor, (sign * denominator) / divisor);
  }

  static integer(value: number): Rational {
    if (!Number.isInteger(value)) throw new Error(`${value} is not a count`);
    return Rational.of(BigInt(value));
  }

  get isZero(): boolean {
    return this.numerator === 0n;
  }

  plus(other: Rational): Rational {
    return Rational.of(this.numerator * other.denominator + other.numerator * this.denominator, this.denominator * other.denominator);
  }

  minus(other: Rational): Rational {
    return this.plus(other.times(Rational.of(-1n)));
  }

  times(other: Rational): Rational {
    return Rational.of(this.numerator * other.numerator, this.denominator * other.denominator);
  }

  dividedBy(other: Rational): Rational {
    return Rational.of(this.numerator * other.denominator, this.denominator * other.numerator);
  }

  toNumber(): number {
    return Number(this.numerator) / Number(this.denominator);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Σ coefficient · unknown = rhs */
export interface ExactEquation {
  readonly terms: ReadonlyMap<string, Rational>;
  readonly rhs: Rational;
}

/**
 * Gauss-Jordan elimination in exact arithmetic, the slow and plain way: every equation is
 * reduced by every pivot found so far, and every pivot row by each new pivot. Returns the
 * reduced rows; a row with a single unknown gives that unknown's value.
 */
export function eliminate(equations: readonly ExactEquation[]): ExactEquation[] {
  const rows: { terms: Map<string, Rational>; rhs: Rational; pivot: string }[] = [];
  for (const equation of equations) {
    let terms = new Map(equation.terms);
    let rhs = equation.rhs;
    for (const row of rows) {
      const factor = terms.get(row.pivot);
      if (!factor) continue;
      [terms, rhs] = minusMultiple(terms, rhs, row, factor);
    }
    const pivot = [...terms.keys()].sort()[0];
    if (pivot === undefined) {
      if (!rhs.isZero) throw new Error('the relations contradict each other');
      continue;
    }
    const scale = terms.get(pivot)!;
    terms = new Map([...terms].map(([unknown, coefficient]) => [unknown, coefficient.dividedBy(scale)]));
    rhs = rhs.dividedBy(scale);
    const added = { terms, rhs, pivot };
    for (const row of rows) {
      const factor = row.terms.get(pivot);
      if (!factor) continue;
      [row.terms, row.rhs] = minusMultiple(row.terms, row.rhs, added, factor);
    }
    rows.push(added);
  }
  return rows.map(({ terms, rhs }) => ({ terms, rhs }));
}

function minusMultiple(terms: Map<string, Rational>, rhs: Rational, row: ExactEquation, factor: Rational): [Map<string, Rational>, Rational] {
  const result = new Map(terms);
  for (const [unknown, coefficient] of row.terms) {
    const value = (result.get(unknown) ?? Rational.of(0n)).minus(factor.times(coefficient));
    if (value.isZero) result.delete(unknown);
    else result.set(unknown, value);
  }
  return [result, rhs.minus(factor.times(row.rhs))];
}
