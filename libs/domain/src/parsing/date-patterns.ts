import { parseGermanDate, parseGermanTimestamp } from './german-date.js';
import { fail, ok, type ParseResult } from './parse-result.js';

/** How the default profile writes dates and timestamps (docs/exports.md). */
export const DEFAULT_DATE_FORMATS: readonly string[] = ['TT.MM.JJJJ'];
export const DEFAULT_TIMESTAMP_FORMATS: readonly string[] = ['TT.MM.JJJJ HH:MI', 'TT.MM.JJJJ HH:MI:SS'];

export type DateParser = (text: string) => ParseResult<string>;

const TOKEN = /(JJJJ|TT|MM|HH|MI|SS)/;
const WIDTH: Readonly<Record<string, string>> = { JJJJ: '4', TT: '1,2', MM: '1,2', HH: '1,2', MI: '2', SS: '2' };
const GROUP: Readonly<Record<string, string>> = { JJJJ: 'year', TT: 'day', MM: 'month', HH: 'hour', MI: 'minute', SS: 'second' };

/**
 * Splits a pattern into tokens and literals, left to right. Checking and compiling share this
 * split, so a pattern the loader accepts is the pattern that is compiled (`MMI` is MM and a
 * literal I, not MI).
 */
function partsOf(pattern: string): { readonly token: boolean; readonly text: string }[] {
  return pattern
    .split(TOKEN)
    .map((text, at) => ({ token: at % 2 === 1, text }))
    .filter((part) => part.text !== '');
}

/** Why a pattern cannot be used, or undefined when it can: checked when a profile is loaded. */
export function patternProblem(pattern: string, kind: 'date' | 'timestamp'): string | undefined {
  const tokens = partsOf(pattern)
    .filter((part) => part.token)
    .map((part) => part.text);
  const count = (token: string) => tokens.filter((t) => t === token).length;
  const needed = kind === 'date' ? ['TT', 'MM', 'JJJJ'] : ['TT', 'MM', 'JJJJ', 'HH', 'MI'];
  const wrong = needed.filter((token) => count(token) !== 1);
  if (wrong.length) return `"${pattern}" must hold ${wrong.join(', ')} exactly once (tokens: TT, MM, JJJJ${kind === 'timestamp' ? ', HH, MI, SS' : ''})`;
  if (kind === 'date' && tokens.some((t) => t === 'HH' || t === 'MI' || t === 'SS')) return `"${pattern}" is a date format: it cannot hold a time`;
  if (count('SS') > 1) return `"${pattern}" may hold SS only once`;
  return undefined;
}

function compile(pattern: string): RegExp {
  const parts = partsOf(pattern);
  const source = parts
    .map((part, at) => {
      if (!part.token) return part.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
      // Without a separator between two numbers (`JJJJMMTT`) only full width tells where one ends.
      const joined = parts[at - 1]?.token || parts[at + 1]?.token;
      const width = joined && WIDTH[part.text] === '1,2' ? '2' : WIDTH[part.text];
      return `(?<${GROUP[part.text]}>\\d{${width}})`;
    })
    .join('');
  return new RegExp(`^${source}$`);
}

/**
 * A parser for an office's own date or timestamp formats. The default formats keep their
 * hand-tuned parsers; others are compiled once into regular expressions.
 */
export function dateParser(patterns: readonly string[], kind: 'date' | 'timestamp'): DateParser {
  const defaults = kind === 'date' ? DEFAULT_DATE_FORMATS : DEFAULT_TIMESTAMP_FORMATS;
  if (patterns.length === defaults.length && patterns.every((p, i) => p === defaults[i])) return kind === 'date' ? parseGermanDate : parseGermanTimestamp;
  // The loader refuses such patterns; this guards profiles built in code, which would
  // otherwise fail on the first row or read NaN.
  const problem = patterns.length ? patterns.map((p) => patternProblem(p, kind)).find(Boolean) : 'none given';
  if (problem) throw new Error(`bad ${kind} format: ${problem}`);
  const compiled = patterns.map(compile);
  const expected = patterns.join(' or ');
  return (text) => {
    const trimmed = text.trim();
    for (const regex of compiled) {
      const groups = regex.exec(trimmed)?.groups;
      if (groups) return fromParts(groups, text, kind);
    }
    return fail(`not a ${kind} (expected ${expected})`, text);
  };
}

function fromParts(parts: Record<string, string | undefined>, text: string, kind: 'date' | 'timestamp'): ParseResult<string> {
  const year = Number(parts['year']);
  const month = Number(parts['month']);
  const day = Number(parts['day']);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return fail(`no such day`, text);
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (kind === 'date') return ok(date);
  const [hour, minute, second] = [parts['hour'], parts['minute'], parts['second'] ?? '00'].map(Number) as [number, number, number];
  if (hour > 23 || minute > 59 || second > 59) return fail(`no such time`, text);
  return ok(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}`);
}
