import type { Role } from '../api/session';
import { KPI_CATALOGUE, kpiPath } from '../kpis/catalogue';

/** A page of the console, and who may open it: each role sees only its pages, as the API lets it read only their data. */
export interface PageEntry {
  readonly path: string;
  readonly title: string;
  readonly roles: readonly Role[];
  /** Section of the navigation it is listed under. */
  readonly section: 'Controlling' | 'Planung' | 'Fachadministration';
}

export const PAGES: readonly PageEntry[] = [
  { path: '/controlling', title: 'Überblick', roles: ['controlling'], section: 'Controlling' },
  // One page per KPI route, in the order of docs/kpis.md.
  ...KPI_CATALOGUE.map((entry): PageEntry => ({ path: kpiPath(entry), title: entry.title, roles: ['controlling'], section: 'Controlling' })),
  { path: '/gesamtbericht', title: 'Gesamtbericht', roles: ['planning', 'controlling'], section: 'Planung' },
  { path: '/verwaltung/quellen', title: 'Quellen', roles: ['admin'], section: 'Fachadministration' },
  { path: '/verwaltung/importe', title: 'Importe', roles: ['admin'], section: 'Fachadministration' },
  { path: '/verwaltung/hochladen', title: 'Exporte hochladen', roles: ['admin'], section: 'Fachadministration' },
  { path: '/verwaltung/auftraege', title: 'Aufträge', roles: ['admin'], section: 'Fachadministration' },
  { path: '/verwaltung/zeitplaene', title: 'Zeitpläne', roles: ['admin'], section: 'Fachadministration' },
  { path: '/verwaltung/kataloge', title: 'Kataloge', roles: ['admin'], section: 'Fachadministration' },
  { path: '/verwaltung/projektionen', title: 'Projektionen', roles: ['admin'], section: 'Fachadministration' },
  { path: '/verwaltung/eingabequalitaet', title: 'Eingabequalität', roles: ['admin'], section: 'Fachadministration' },
];

export function pagesOf(role: Role): PageEntry[] {
  return PAGES.filter((page) => page.roles.includes(role));
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Fachadministration',
  controlling: 'Controlling',
  planning: 'Jugendhilfeplanung',
};
