import type { Role } from '../api/session';

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
  { path: '/gesamtbericht', title: 'Gesamtbericht', roles: ['planning', 'controlling'], section: 'Planung' },
  { path: '/verwaltung/quellen', title: 'Quellen', roles: ['admin'], section: 'Fachadministration' },
];

export function pagesOf(role: Role): PageEntry[] {
  return PAGES.filter((page) => page.roles.includes(role));
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Fachadministration',
  controlling: 'Controlling',
  planning: 'Jugendhilfeplanung',
};
