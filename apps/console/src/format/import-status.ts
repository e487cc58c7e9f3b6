/** An import's verdict as the administrator reads it. */
export const STATUS_TEXT: Readonly<Record<string, string>> = {
  applied: 'eingelesen',
  rejected: 'abgelehnt',
  held: 'angehalten',
  duplicate: 'schon bekannt',
  stale: 'veraltet',
};

export function statusText(status: string): string {
  return STATUS_TEXT[status] ?? status;
}
