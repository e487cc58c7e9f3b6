/**
 * The legal basis of an aid as docs/kpis.md reads it: the first `§ <number><letter?>` of the
 * Paragraph field; for `§ 41 i.V.m. § 34` the aid is reported under § 41, and its setting
 * follows the referenced paragraph (§ 34).
 */
export interface LegalBasis {
  /** `§ 34`, `§ 35a`, … or null when the field names none. */
  readonly paragraph: string | null;
  /** The paragraph a § 41 aid refers to (`i.V.m. § 34`), if any. */
  readonly referenced: string | null;
}

/** The paragraph of a 14plus entry whose Hilfeart neither the catalogue nor its text ties to one (docs/kpis.md Clarifications). */
export const UNKNOWN_PARAGRAPH = 'unbekannt';

const PARAGRAPH = /§\s*(\d+)([a-z])?(?![a-z])/gi;

export function legalBasisOf(field: string): LegalBasis {
  const found = [...field.matchAll(PARAGRAPH)].map((m) => `§ ${m[1]}${(m[2] ?? '').toLowerCase()}`);
  return { paragraph: found[0] ?? null, referenced: found[0] === '§ 41' ? (found[1] ?? null) : null };
}

/** HzE in the sense of the KPIs: §§ 27–35, § 35a and § 41. */
export function isEducationalAid(paragraph: string | null): boolean {
  if (!paragraph) return false;
  const match = /^§ (\d+)([a-z]?)$/.exec(paragraph);
  if (!match) return false;
  const number = Number(match[1]);
  const letter = match[2];
  if (number === 41) return letter === '';
  if (number === 35) return letter === '' || letter === 'a';
  return number >= 27 && number <= 34 && letter === '';
}
