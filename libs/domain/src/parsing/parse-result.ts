/**
 * The outcome of reading one raw value. `reason` goes into the data-quality report; `rule` is
 * the same without the value, for a report that must not quote it.
 */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string; readonly rule: string };

export const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });

/** A value that cannot be read: `rule` says why, `text` is the value as found (quoted in `reason`). */
export const fail = <T = never>(rule: string, text?: string): ParseResult<T> => ({ ok: false, rule, reason: text === undefined ? rule : `${rule}: "${text}"` });
