/**
 * WebFM writes `51.1-2025/00123`, 14plus `51.1 - 2025 / 123`: blanks go, and leading zeros
 * of the running number after the last `/` go, so both name the same case.
 */
export function normalizeAktenzeichen(text: string): string {
  const compact = text.replace(/\s+/g, '');
  const slash = compact.lastIndexOf('/');
  if (slash < 0) return compact;
  const running = compact.slice(slash + 1).replace(/^0+(?=\d)/, '');
  return `${compact.slice(0, slash + 1)}${running}`;
}
