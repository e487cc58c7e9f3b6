import { fail, ok, type ParseResult } from './parse-result.js';

/** `1.234,56`, `-1.234,56`, `0,75`, `12`: a thousands dot only in groups of three before the comma. */
const GERMAN_NUMBER = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;

function split(text: string): { sign: number; whole: string; fraction: string } | undefined {
  const match = GERMAN_NUMBER.exec(text.trim());
  if (!match) return undefined;
  const [, minus, whole, fraction = ''] = match;
  return { sign: minus ? -1 : 1, whole: whole!.replaceAll('.', ''), fraction };
}

export function parseGermanDecimal(text: string): ParseResult<number> {
  const parts = split(text);
  if (!parts) return fail(`not a number (expected e.g. 0,75 or 1.234,56)`, text);
  return ok(parts.sign * Number(`${parts.whole}.${parts.fraction || '0'}`));
}

/** Euro amounts as integer cents, so sums are exact. */
export function parseEuroCents(text: string): ParseResult<number> {
  const parts = split(text);
  if (!parts || parts.fraction.length > 2) return fail(`not an amount in euros (expected e.g. 1.234,56)`, text);
  const cents = Number(parts.whole) * 100 + Number(parts.fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return fail(`amount out of range`, text);
  return ok(parts.sign * cents);
}

export function parseInteger(text: string): ParseResult<number> {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed) || !Number.isSafeInteger(Number(trimmed))) return fail(`not a whole number`, text);
  return ok(Number(trimmed));
}
