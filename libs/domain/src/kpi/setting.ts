import { isEducationalAid, legalBasisOf, UNKNOWN_PARAGRAPH, type LegalBasis } from './paragraph.js';

/** Leistungsform of an aid. */
export type Setting = 'ambulant' | 'teilstationär' | 'stationär';
export const SETTINGS: readonly Setting[] = ['ambulant', 'teilstationär', 'stationär'];
/** Where costs report what has no setting: paragraphs outside HzE (docs/kpis.md Clarifications). */
export const NO_SETTING = 'ohne Leistungsform';

/**
 * The aid-type catalogue (docs/kpis.md "Setting of an aid"): an office maps its own Hilfearten to
 * a paragraph and a setting; aid types it does not list fall back to the paragraph rules.
 */
export interface AidTypeCatalogue {
  readonly entries: Readonly<Record<string, { readonly paragraph?: string; readonly setting?: Setting }>>;
  /** Setting by paragraph; paragraphs missing here take their setting from the Hilfeart text. */
  readonly settingByParagraph: Readonly<Record<string, Setting>>;
}

/**
 * The Hilfearten of a common WebFM catalogue; an office adds its own. Those whose name holds no
 * paragraph get theirs here. Those that name one are listed with that same paragraph and no
 * setting, so they are classified exactly as the paragraph rules would: listing them only says
 * they are known, which the plausibility rule `aid-type-not-catalogued` asks.
 */
export const DEFAULT_AID_TYPE_CATALOGUE: AidTypeCatalogue = {
  entries: {
    SPFH: { paragraph: '§ 31' },
    'Sozialpädagogische Familienhilfe': { paragraph: '§ 31' },
    Erziehungsbeistand: { paragraph: '§ 30' },
    Erziehungsberatung: { paragraph: '§ 28' },
    Tagesgruppe: { paragraph: '§ 32' },
    Vollzeitpflege: { paragraph: '§ 33' },
    Heimerziehung: { paragraph: '§ 34' },
    'Erziehungsberatung § 28': { paragraph: '§ 28' },
    'Soziale Gruppenarbeit § 29': { paragraph: '§ 29' },
    'Erziehungsbeistand § 30': { paragraph: '§ 30' },
    'Sozialpädagogische Familienhilfe § 31': { paragraph: '§ 31' },
    'Tagesgruppe § 32': { paragraph: '§ 32' },
    'Vollzeitpflege § 33': { paragraph: '§ 33' },
    'Heimerziehung § 34': { paragraph: '§ 34' },
    'Intensive sozialpädagogische Einzelbetreuung § 35': { paragraph: '§ 35' },
    'Eingliederungshilfe § 35a ambulant': { paragraph: '§ 35a' },
    'Eingliederungshilfe § 35a teilstationär': { paragraph: '§ 35a' },
    'Eingliederungshilfe § 35a stationär': { paragraph: '§ 35a' },
    'Hilfe für junge Volljährige § 41 ambulant': { paragraph: '§ 41' },
    'Hilfe für junge Volljährige § 41 stationär': { paragraph: '§ 41' },
  },
  settingByParagraph: {
    '§ 27': 'ambulant',
    '§ 28': 'ambulant',
    '§ 29': 'ambulant',
    '§ 30': 'ambulant',
    '§ 31': 'ambulant',
    '§ 32': 'teilstationär',
    '§ 33': 'stationär',
    '§ 34': 'stationär',
  },
};

/** `teilstationär` is looked for before `stationär`, which it contains. */
function settingFromText(aidType: string): Setting {
  const text = aidType.toLowerCase();
  if (text.includes('teilstationär')) return 'teilstationär';
  if (text.includes('stationär')) return 'stationär';
  return 'ambulant';
}

/**
 * The setting of an aid or 14plus entry: the catalogue's for its Hilfeart, else by paragraph.
 * Only HzE paragraphs have a setting: another one (§ 19, § 42, UVG, …) has none unless the
 * catalogue names one for its Hilfeart (docs/kpis.md Clarifications).
 */
export function settingOf(aidType: string, basis: LegalBasis, catalogue: AidTypeCatalogue): Setting | null {
  const listed = catalogue.entries[aidType]?.setting;
  if (listed) return listed;
  if (basis.paragraph === null || !isEducationalAid(basis.paragraph)) return null;
  const byParagraph = catalogue.settingByParagraph[basis.paragraph];
  if (byParagraph) return byParagraph;
  if (basis.paragraph === '§ 41') {
    // A § 41 aid takes the referenced paragraph's setting; one referring to none is read from its text.
    const referenced = basis.referenced && catalogue.settingByParagraph[basis.referenced];
    if (referenced) return referenced;
  }
  return settingFromText(aidType);
}

/**
 * The legal basis of a 14plus entry, read from its Hilfeart: the catalogue's paragraph for it,
 * else the first `§` in the text, else `unbekannt` (docs/kpis.md Clarifications).
 */
export function legalBasisOfEntry(aidType: string | null, catalogue: AidTypeCatalogue): LegalBasis {
  const basis = aidType ? legalBasisOf(aidType) : { paragraph: null, referenced: null };
  const paragraph = (aidType && catalogue.entries[aidType]?.paragraph) || basis.paragraph || UNKNOWN_PARAGRAPH;
  return { paragraph, referenced: basis.referenced };
}
