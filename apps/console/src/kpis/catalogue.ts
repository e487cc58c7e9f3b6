import type { Dimension, KpiReading } from './kpi-types';

/**
 * One controlling page per KPI route. An entry says all the page needs before its data come:
 * the address, title and definition (docs/kpis.md), which filters the route takes. How the page
 * reads the answer lives in `readings/`, one module per KPI, each its own chunk loaded with the
 * page; the page itself (KpiPage) is one component for all.
 */
export interface KpiEntry {
  /** The page's address under /controlling/. */
  readonly slug: string;
  /** The KPI as the API names it where an answer speaks of KPIs (plausibility rules, data-quality notes). */
  readonly kpi: string;
  readonly title: string;
  /** The definition in one or two sentences, as docs/kpis.md gives it. */
  readonly definition: string;
  /** A period (year, quarter, month, from–to), a reference day (Stichtag) or a calendar year. */
  readonly when: 'period' | 'day' | 'year';
  readonly granularity: boolean;
  /** The dimensions `by=` takes, in the order offered; none where the route has fixed rows. */
  readonly dimensions: readonly Dimension[];
  readonly defaultBy: readonly Dimension[];
  /** The route takes `team=`. */
  readonly team: boolean;
  readonly load: () => Promise<{ readonly default: KpiReading }>;
}

export const KPI_CATALOGUE: readonly KpiEntry[] = [
  {
    slug: 'teilprozesse',
    kpi: 'sub-process-counts',
    title: 'Teilprozesse',
    definition: 'Abgeschlossene Teilprozesse, gezählt im Zeitraum ihres Abschlussdatums; stornierte und wieder geöffnete zählen nicht.',
    when: 'period',
    granularity: true,
    dimensions: ['team', 'coreProcess', 'subProcess'],
    defaultBy: ['team'],
    team: true,
    load: () => import('./readings/sub-process-counts'),
  },
  {
    slug: '14plus-vorgaenge',
    kpi: 'chronicle-counts',
    title: '14plus-Vorgänge',
    definition: 'Einträge der 14plus-Chronik nach Sachgebiet und Eintragsart, gezählt nach Datum; stornierte und stornierende Einträge sowie Vermerke zählen nicht.',
    when: 'period',
    granularity: true,
    dimensions: [],
    defaultBy: [],
    team: false,
    load: () => import('./readings/chronicle-counts'),
  },
  {
    slug: 'hilfen',
    kpi: 'aids',
    title: 'Hilfen nach Leistungsform',
    definition: 'Hilfen zur Erziehung, die im Zeitraum liefen (Summe der Hilfen), begannen oder endeten; dazu die Anteile der Leistungsformen.',
    when: 'period',
    granularity: false,
    dimensions: ['setting', 'paragraph', 'team', 'socialArea'],
    defaultBy: ['setting'],
    team: true,
    load: () => import('./readings/aids'),
  },
  {
    slug: 'hilfebestand',
    kpi: 'aid-stock',
    title: 'Hilfebestand am Stichtag',
    definition: 'Hilfen zur Erziehung, die am Stichtag liefen (Beginn am oder vor dem Stichtag, Ende leer oder danach); dazu die Anteile der Leistungsformen.',
    when: 'day',
    granularity: false,
    dimensions: ['setting', 'paragraph', 'team', 'socialArea'],
    defaultBy: ['setting'],
    team: true,
    load: () => import('./readings/aid-stock'),
  },
  {
    slug: 'fallzahl',
    kpi: 'cases-of-year',
    title: 'Fallzahl',
    definition: 'Fallzahl eines Jahres wie in der Bundesstatistik: Bestand am 31.12. und die im Jahr beendeten Hilfen, jede Hilfe einmal.',
    when: 'year',
    granularity: false,
    dimensions: ['setting', 'paragraph', 'team', 'socialArea'],
    defaultBy: ['setting'],
    team: true,
    load: () => import('./readings/cases-of-year'),
  },
  {
    slug: 'rueckfuehrungsquote',
    kpi: 'return-rate',
    title: 'Rückführungsquote',
    definition: 'Anteil der im Zeitraum beendeten stationären Hilfen (ohne Zuständigkeitswechsel und Adoption), nach denen das Kind im Haushalt der Eltern oder eines Elternteils lebt.',
    when: 'period',
    granularity: false,
    dimensions: ['paragraph', 'team'],
    defaultBy: ['paragraph'],
    team: true,
    load: () => import('./readings/return-rate'),
  },
  {
    slug: 'fluktuation',
    kpi: 'staff-fluctuation',
    title: 'Fluktuation',
    definition: 'Abgänge im Zeitraum je durchschnittlichem Personalbestand der Fachkräfte und Teamleitungen (Köpfe und Vollzeitäquivalente), für das Amt und jedes Team.',
    when: 'period',
    granularity: false,
    dimensions: [],
    defaultBy: [],
    team: true,
    load: () => import('./readings/staff-fluctuation'),
  },
  {
    slug: 'fachkraft-fall-relation',
    kpi: 'caseload',
    title: 'Fachkraft-Fall-Relation',
    definition: 'Am Stichtag laufende Hilfen eines Teams je Vollzeitstelle seiner Fachkräfte, angegeben als 1:x.',
    when: 'day',
    granularity: false,
    dimensions: [],
    defaultBy: [],
    team: true,
    load: () => import('./readings/caseload'),
  },
  {
    slug: 'personalbedarf',
    kpi: 'staffing-requirement',
    title: 'Personalbedarf',
    definition: 'Benötigte Vollzeitstellen eines Teams aus abgeschlossenen Teilprozessen mal Prozesszeit samt Systemzeitanteil, und wie weit die Fachkräfte des Teams ihn decken.',
    when: 'period',
    granularity: false,
    dimensions: [],
    defaultBy: [],
    team: true,
    load: () => import('./readings/staffing-requirement'),
  },
  {
    slug: 'kosten',
    kpi: 'costs',
    title: 'Kosten',
    definition: 'Ausgaben (Zahlungen), Einnahmen (Kostenbeiträge und Erstattungen) und Nettoausgaben aus 14plus, nach Datum; dazu die Kosten je Hilfe jedes HzE-Paragrafen.',
    when: 'period',
    granularity: true,
    dimensions: ['paragraph', 'setting', 'aidType', 'team'],
    defaultBy: ['paragraph'],
    team: true,
    load: () => import('./readings/costs'),
  },
  {
    slug: 'beendigungen',
    kpi: 'endings',
    title: 'Dauer und Beendigungen',
    definition: 'Im Zeitraum beendete Hilfen: Dauer in Tagen, Anteil der Beendigungen gemäß Hilfeplan und Abbruchquote (ohne Zuständigkeitswechsel), mit den Beendigungsgründen.',
    when: 'period',
    granularity: false,
    dimensions: ['paragraph', 'setting', 'team'],
    defaultBy: ['setting'],
    team: true,
    load: () => import('./readings/endings'),
  },
  {
    slug: 'inanspruchnahme',
    kpi: 'use-per-young-inhabitant',
    title: 'Inanspruchnahme je Einwohner',
    definition:
      'Fallzahl und Bestand am 31.12. je 10.000 Einwohner unter 21 (Stichtag 31.12. des Jahres, sonst der letzte davor), Nettoausgaben je Einwohner unter 21; nach Sozialraum, darin nach Leistungsform oder Paragraf.',
    when: 'year',
    granularity: false,
    dimensions: ['socialArea', 'setting', 'paragraph'],
    defaultBy: ['socialArea'],
    team: false,
    load: () => import('./readings/use-per-young-inhabitant'),
  },
  {
    slug: 'sozialraumbudgets',
    kpi: 'social-area-budgets',
    title: 'Sozialraumbudgets',
    definition:
      'Budget je Sozialraum (Katalog) gegen die Nettoausgaben vom 01.01. bis zum Ende des Zeitraums; Ausschöpfung und lineare Hochrechnung aus den abgeschlossenen Monaten. Einträge ohne Fallbezug: ohne Sozialraum, ohne Budget.',
    when: 'year',
    granularity: false,
    dimensions: [],
    defaultBy: [],
    team: false,
    load: () => import('./readings/social-area-budgets'),
  },
];

export const KPI_BASE_PATH = '/controlling';

export function kpiPath(entry: KpiEntry): string {
  return `${KPI_BASE_PATH}/${entry.slug}`;
}

/** A KPI's page title for its API name, e.g. `return-rate` → `Rückführungsquote`. */
export function kpiTitle(kpi: string): string {
  return KPI_CATALOGUE.find((entry) => entry.kpi === kpi)?.title ?? kpi;
}
