import { GENDERS, REASONS_OF_ENDING, RESIDENCES_AFTER_AID, RESIDENCE_PARENTS, STAFF_ROLES, SUB_PROCESS_STATUSES, CHRONICLE_ENTRY_TYPES } from '@jugendamt/domain';

/** Code values as the code lists spell them: a typo here fails the typecheck, not the import. */
export type Gender = (typeof GENDERS)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];
export type SubProcessStatus = (typeof SUB_PROCESS_STATUSES)[number];
export type EntryType = (typeof CHRONICLE_ENTRY_TYPES)[number];
export type Residence = (typeof RESIDENCES_AFTER_AID)[number];

export const GENDER_WEIGHTS: readonly (readonly [Gender, number])[] = [
  ['m', 48],
  ['w', 48],
  ['d', 1],
  ['u', 3],
];
export const FTE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['1,0', 60],
  ['0,75', 20],
  ['0,5', 15],
  ['0,8', 5],
];

/** What the generated office grants: WebFM's Hilfeart, its Paragraph, how often, for how long. */
export interface AidTypeSpec {
  readonly aidType: string;
  readonly paragraph: string;
  readonly weight: number;
  readonly stationary: boolean;
  /** Typical duration in days: [min, max]. */
  readonly days: readonly [number, number];
  /** Monthly payment in euro cents: [min, max]. */
  readonly monthlyCents: readonly [number, number];
  /** § 33 aids are carried by the foster-care service, not the social-area team. */
  readonly fosterCare?: boolean;
  readonly youngAdult?: boolean;
}

export const AID_TYPES: readonly AidTypeSpec[] = [
  { aidType: 'Erziehungsberatung § 28', paragraph: '§ 28 SGB VIII', weight: 2, stationary: false, days: [60, 300], monthlyCents: [30_000, 60_000] },
  { aidType: 'Soziale Gruppenarbeit § 29', paragraph: '§ 29 SGB VIII', weight: 3, stationary: false, days: [120, 400], monthlyCents: [40_000, 90_000] },
  { aidType: 'Erziehungsbeistand § 30', paragraph: '§ 30 SGB VIII', weight: 12, stationary: false, days: [120, 600], monthlyCents: [90_000, 180_000] },
  { aidType: 'SPFH', paragraph: '§ 31 SGB VIII', weight: 25, stationary: false, days: [120, 700], monthlyCents: [150_000, 320_000] },
  { aidType: 'Tagesgruppe § 32', paragraph: '§ 32 SGB VIII', weight: 5, stationary: false, days: [200, 800], monthlyCents: [250_000, 420_000] },
  { aidType: 'Vollzeitpflege § 33', paragraph: '§ 33 SGB VIII', weight: 15, stationary: true, days: [300, 1800], monthlyCents: [95_000, 160_000], fosterCare: true },
  { aidType: 'Heimerziehung § 34', paragraph: '§ 34 SGB VIII', weight: 18, stationary: true, days: [150, 1200], monthlyCents: [450_000, 720_000] },
  { aidType: 'Intensive sozialpädagogische Einzelbetreuung § 35', paragraph: '§ 35 SGB VIII', weight: 2, stationary: false, days: [90, 500], monthlyCents: [300_000, 600_000] },
  { aidType: 'Eingliederungshilfe § 35a ambulant', paragraph: '§ 35a SGB VIII', weight: 8, stationary: false, days: [120, 700], monthlyCents: [60_000, 200_000] },
  { aidType: 'Eingliederungshilfe § 35a stationär', paragraph: '§ 35a SGB VIII', weight: 3, stationary: true, days: [200, 1000], monthlyCents: [500_000, 800_000] },
  { aidType: 'Hilfe für junge Volljährige § 41 stationär', paragraph: '§ 41 i.V.m. § 34 SGB VIII', weight: 4, stationary: true, days: [150, 900], monthlyCents: [420_000, 650_000], youngAdult: true },
  { aidType: 'Hilfe für junge Volljährige § 41 ambulant', paragraph: '§ 41 i.V.m. § 30 SGB VIII', weight: 3, stationary: false, days: [120, 600], monthlyCents: [80_000, 160_000], youngAdult: true },
];

const [PLANNED, BY_PARENTS, BY_PROVIDER, BY_MINOR, ADOPTION, TRANSFER, OTHER] = REASONS_OF_ENDING;
export const REASON_WEIGHTS: readonly (readonly [string, number])[] = [
  [PLANNED!, 45],
  [BY_PARENTS!, 12],
  [BY_PROVIDER!, 10],
  [BY_MINOR!, 8],
  [ADOPTION!, 1],
  [TRANSFER!, 9],
  [OTHER!, 15],
];

/** Where young people live after a placement; after ambulant aid most simply stay at home. */
export function residenceWeights(stationary: boolean): readonly (readonly [Residence, number])[] {
  return RESIDENCES_AFTER_AID.map((residence): readonly [Residence, number] => {
    if (residence === RESIDENCE_PARENTS) return [residence, stationary ? 35 : 80];
    if (residence === 'unbekannt' || residence === 'ohne festen Aufenthalt') return [residence, stationary ? 3 : 1];
    if (residence === 'in eigener Wohnung' || residence === 'in einem Heim/einer betreuten Wohnform') return [residence, stationary ? 15 : 4];
    return [residence, stationary ? 6 : 2];
  });
}

/** An adopted child lives with the adoptive family, not with its parents. */
export const RESIDENCE_AFTER_ADOPTION: Residence = 'in einer nicht-verwandten Familie';

/** The office's process model: Kernprozess → its Teilprozesse, with how often each occurs. */
export const PROCESSES: readonly { readonly core: string; readonly sub: string; readonly weight: number }[] = [
  { core: '01 Eingang und Klärung', sub: '01.01 Eingang Meldung/Anfrage', weight: 8 },
  { core: '01 Eingang und Klärung', sub: '01.02 Erstgespräch', weight: 8 },
  { core: '01 Eingang und Klärung', sub: '01.03 Klärung Zuständigkeit', weight: 3 },
  { core: '02 Schutzauftrag § 8a', sub: '02.01 Gefährdungseinschätzung', weight: 5 },
  { core: '02 Schutzauftrag § 8a', sub: '02.02 Hausbesuch', weight: 6 },
  { core: '02 Schutzauftrag § 8a', sub: '02.03 Schutzplan', weight: 2 },
  { core: '02 Schutzauftrag § 8a', sub: '02.04 Inobhutnahme', weight: 1 },
  { core: '03 Beratung § 16', sub: '03.01 Beratungsgespräch', weight: 10 },
  { core: '04 Hilfe zur Erziehung', sub: '04.01 Antrag und Bedarfsklärung', weight: 6 },
  { core: '04 Hilfe zur Erziehung', sub: '04.02 Kollegiale Beratung', weight: 5 },
  { core: '04 Hilfe zur Erziehung', sub: '04.03 Hilfeplangespräch', weight: 14 },
  { core: '04 Hilfe zur Erziehung', sub: '04.04 Fortschreibung Hilfeplan', weight: 12 },
  { core: '04 Hilfe zur Erziehung', sub: '04.05 Beendigung der Hilfe', weight: 4 },
  { core: '05 Mitwirkung Familiengericht', sub: '05.01 Stellungnahme', weight: 3 },
  { core: '05 Mitwirkung Familiengericht', sub: '05.02 Anhörung', weight: 2 },
  { core: '06 Jugendhilfe im Strafverfahren', sub: '06.01 Verfahrensbegleitung', weight: 3 },
];

export const SOCIAL_TEAM_NAMES = [
  'ASD Team Nord',
  'ASD Team Süd',
  'ASD Team Mitte',
  'ASD Team West',
  'ASD Team Ost',
  'ASD Team Altstadt',
  'ASD Team Hafen',
  'ASD Team Nordstadt',
  'ASD Team Südstadt',
  'ASD Team Weststadt',
  'ASD Team Oststadt',
  'ASD Team Innenstadt',
  'ASD Team Bergviertel',
  'ASD Team Flussufer',
  'ASD Team Gartenstadt',
  'ASD Team Heide',
] as const;
export const FOSTER_CARE_TEAM = 'Pflegekinderdienst';
export const ECONOMIC_AID_TEAM = 'Wirtschaftliche Jugendhilfe';
export const ADMINISTRATION_TEAM = 'Fachdienst Controlling';

export const SOCIAL_AREA_NAMES = [
  'Altstadt',
  'Nordstadt',
  'Südstadt',
  'Oststadt',
  'Weststadt',
  'Hafen',
  'Bergviertel',
  'Flussufer',
  'Gartenstadt',
  'Heide',
  'Mühlenviertel',
  'Schlossberg',
  'Bahnhofsviertel',
  'Kirchfeld',
  'Rosenhöhe',
  'Lindenau',
  'Am Markt',
  'Neue Mitte',
  'Ziegelei',
  'Wiesengrund',
  'Brückenkopf',
  'Auenland',
  'Eichkamp',
  'Seeufer',
  'Talblick',
  'Sonnenhang',
  'Feldmark',
  'Kanalviertel',
  'Hochfeld',
  'Grünau',
  'Dorfaue',
  'Steinbruch',
] as const;

/** Made-up personal values, with the umlauts and ß an export must survive. */
export const SURNAMES = [
  'Müller',
  'Schröder',
  'Weiß',
  'Groß',
  'Öztürk',
  'Jäger',
  'Krüger',
  'Schäfer',
  'Böhm',
  'Köhler',
  'Yılmaz',
  'Nowak',
  'Hoffmann',
  'Wagner',
  'Becker',
  'Schulz',
  'Fischer',
  'Lehmann',
  'Kaya',
  'Petrović',
  'Dąbrowski',
  'Meißner',
  'Bauer',
  'Voß',
] as const;
export const FIRST_NAMES = [
  'Zoë',
  'Leonie',
  'Mia',
  'Ben',
  'Lukas',
  'Aylin',
  'Mehmet',
  'Sophie',
  'Jönne',
  'Jürgen',
  'Emilia',
  'Noah',
  'Hannah',
  'Finn',
  'Lea',
  'Elias',
  'Amélie',
  'Mustafa',
  'Lina',
  'Paul',
  'Maja',
  'Jonas',
  'Greta',
  'Ömer',
] as const;
export const PROVIDERS = [
  'Kinderhaus Sonnenschein gGmbH',
  'Diakonie Jugendhilfe Nord e.V.',
  'Caritas Familienhilfe',
  'AWO Erziehungshilfe gGmbH',
  'Jugendhilfeverbund "Brücke" e.V.',
  'Therapeutische Wohngruppe Lindenhof',
  'Jugendamt (eigener Dienst)',
  'Familienzentrum Regenbogen; Außenstelle Süd',
  'Verbund Soziale Dienste gGmbH',
  'Jugendwerk Grünau e.V.',
] as const;

/** Foster families are the providers of § 33: a provider that names people, as real exports do. */
export function fosterFamily(surname: string, otherSurname: string | null): string {
  return otherSurname && otherSurname !== surname ? `Pflegefamilie ${surname}-${otherSurname}` : `Pflegefamilie ${surname}`;
}
