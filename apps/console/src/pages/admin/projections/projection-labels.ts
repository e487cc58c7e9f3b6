/** The projections as the administrator reads them: what KPI tables each one holds. */
const PROJECTION_LABELS: Readonly<Record<string, string>> = {
  'aid-history': 'Hilfen und Fälle',
  'sub-process-history': 'Teilprozesse',
  'staff-history': 'Mitarbeitende',
  'chronicle-history': '14plus-Chronik und Kosten',
  'population-history': 'Einwohner nach Sozialraum',
};

export function projectionLabel(projection: string): string {
  return PROJECTION_LABELS[projection] ?? projection;
}
