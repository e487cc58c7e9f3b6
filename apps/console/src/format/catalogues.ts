/** The office's catalogues as the Fachadministration names them. */
export const CATALOGUE_LABELS: Readonly<Record<string, string>> = {
  'aid-types': 'Hilfearten',
  'chronicle-types': '14plus-Eintragsarten',
  staffing: 'Personal und Arbeitszeit',
  'process-times': 'Prozesszeiten',
  budgets: 'Sozialraumbudgets',
  'plausibility-rules': 'Plausibilitätsregeln',
};

export function catalogueLabel(name: string): string {
  return CATALOGUE_LABELS[name] ?? name;
}

/** Version 0 is the one shipped with the product, before any edit by the office. */
export function catalogueVersion(version: number): string {
  return version === 0 ? 'Version 0 (ausgeliefert)' : `Version ${version}`;
}
