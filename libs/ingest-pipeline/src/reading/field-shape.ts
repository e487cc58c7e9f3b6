import type { FieldSpec, FieldType } from '@jugendamt/domain';

/**
 * The longest sane value of a column. Every id, code, team and date of the exports is a few
 * dozen characters; a longer one has swallowed its neighbours (a stray quote) or holds
 * another column's text (shifted columns).
 */
const MAX_LENGTH: Readonly<Record<FieldType | 'identifier', number>> = {
  identifier: 64,
  date: 40,
  timestamp: 40,
  decimal: 40,
  amount: 40,
  integer: 40,
  code: 200,
  text: 200,
};

/** A birth date or another date in a column that holds names of teams, areas, aids: the columns are out of place. */
const DATE_LIKE = /^\s*\d{1,2}\.\d{1,2}\.\d{2,4}\s*$/;
/** Line breaks and the other control characters (a tab is allowed): one scan of the field for both. */
const CONTROL_OR_BREAK = /[\x00-\x08\x0a-\x1f\x7f]/;
const BREAK = /[\r\n]/;

export interface ShapeProblem {
  readonly reason: string;
  /** The field shows that physical rows were read as one: a stray quote. */
  readonly merged: boolean;
}

/**
 * Checks the raw text of one field against the shape of its column before anything is built
 * from it. Reasons name the column and the rule, never the value: a value out of shape may be
 * a name from a neighbouring column or row.
 */
export function fieldShapeProblem(spec: FieldSpec, raw: string, delimiter: string, columns: number): ShapeProblem | undefined {
  const irregular = CONTROL_OR_BREAK.test(raw);
  if (irregular && BREAK.test(raw) && (!spec.multiline || holdsWholeRow(raw, delimiter, columns))) {
    return { reason: `${spec.header} holds a line break: a stray quote may have merged rows`, merged: true };
  }
  if (spec.privacy === 'personal') return undefined; // dropped unread; only a merge shows through it
  // A decimal comma is a comma delimiter's neighbour in good standing; numbers and dates are
  // parsed against their format anyway, which no swallowed neighbour passes.
  if ((spec.type === 'text' || spec.type === 'code') && raw.includes(delimiter)) {
    return { reason: `${spec.header} holds the delimiter "${delimiter}": a stray quote may have merged fields or rows`, merged: true };
  }
  const max = MAX_LENGTH[spec.privacy === 'identifier' ? 'identifier' : spec.type];
  if (raw.length > max) return { reason: `${spec.header} is longer than ${max} characters: a stray quote or shifted columns?`, merged: false };
  if (irregular && !BREAK.test(raw)) return { reason: `${spec.header} holds control characters`, merged: false };
  if ((spec.type === 'text' || spec.type === 'code') && DATE_LIKE.test(raw)) {
    return { reason: `${spec.header} holds a date: shifted columns?`, merged: false };
  }
  return undefined;
}

/**
 * Free text may hold line breaks and the odd delimiter. A quote that opens in one row's field
 * and closes in the same field of a later row swallows at least one whole row: as many
 * delimiters as the header has columns, less one.
 */
function holdsWholeRow(raw: string, delimiter: string, columns: number): boolean {
  let count = 0;
  for (let at = raw.indexOf(delimiter); at !== -1; at = raw.indexOf(delimiter, at + 1)) {
    if (++count >= columns - 1) return true;
  }
  return false;
}
