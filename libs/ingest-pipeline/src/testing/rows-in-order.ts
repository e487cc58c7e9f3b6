/** An answer with its rows in one order: a KPI's rows come in no promised order, so tests compare them as sets. */
export function rowsInOrder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rowsInOrder).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, rowsInOrder(v)]));
  return value;
}
