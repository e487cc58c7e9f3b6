/** The code lists of docs/exports.md. Values outside a list are kept as they are and reported. */
export const REASONS_OF_ENDING = [
  'Beendigung gemäß Hilfeplan',
  'Beendigung abweichend vom Hilfeplan durch Sorgeberechtigte/jungen Volljährigen',
  'Beendigung abweichend vom Hilfeplan durch die Einrichtung/Pflegefamilie/den Dienst',
  'Beendigung abweichend vom Hilfeplan durch den Minderjährigen',
  'Adoptionspflege/Adoption',
  'Abgabe an ein anderes Jugendamt wegen Zuständigkeitswechsel',
  'sonstige Gründe',
] as const;

export const RESIDENCES_AFTER_AID = [
  'im Haushalt der Eltern/eines Elternteils/des Sorgeberechtigten',
  'in einer Verwandtenfamilie',
  'in einer nicht-verwandten Familie',
  'in eigener Wohnung',
  'in einer Pflegefamilie',
  'in einem Heim/einer betreuten Wohnform',
  'in der Psychiatrie',
  'in einer sozialpädagogisch betreuten Einrichtung',
  'sonstiger Aufenthalt',
  'ohne festen Aufenthalt',
  'unbekannt',
] as const;

export const SUB_PROCESS_STATUSES = ['offen', 'abgeschlossen', 'storniert'] as const;
export const CANCELLATION_FLAGS = ['J', 'N'] as const;
export const CHRONICLE_ENTRY_TYPES = ['ANTRAG', 'BESCHEID', 'KOSTENZUSAGE', 'ZAHLUNG', 'KOSTENBEITRAG', 'ERSTATTUNG', 'EINSTELLUNG', 'WIDERSPRUCH', 'VERMERK'] as const;
export const GENDERS = ['m', 'w', 'd', 'u'] as const;
/** The population statistics know no `u`: every resident is counted under one of these. */
export const POPULATION_GENDERS = ['m', 'w', 'd'] as const;
export const STAFF_ROLES = ['Fachkraft', 'Teamleitung', 'Verwaltung', 'Fachadministration'] as const;

export const REASON_TRANSFER_OF_RESPONSIBILITY = 'Abgabe an ein anderes Jugendamt wegen Zuständigkeitswechsel';
export const REASON_ADOPTION = 'Adoptionspflege/Adoption';
export const RESIDENCE_PARENTS = 'im Haushalt der Eltern/eines Elternteils/des Sorgeberechtigten';

/**
 * A code list as an office's exports use it: the canonical values, and the office's own
 * spellings of them (`Ja` for `J`). A profile may add values and aliases.
 */
export interface CodeList {
  readonly values: readonly string[];
  readonly aliases: Readonly<Record<string, string>>;
}

export const CODE_LIST_NAMES = ['gender', 'reasonOfEnding', 'residenceAfterAid', 'subProcessStatus', 'staffRole', 'entryType', 'cancellationFlag', 'populationGender'] as const;
export type CodeListName = (typeof CODE_LIST_NAMES)[number];
export type CodeLists = Readonly<Record<CodeListName, CodeList>>;

const list = (values: readonly string[]): CodeList => ({ values, aliases: {} });

export const DEFAULT_CODE_LISTS: CodeLists = {
  gender: list(GENDERS),
  reasonOfEnding: list(REASONS_OF_ENDING),
  residenceAfterAid: list(RESIDENCES_AFTER_AID),
  subProcessStatus: list(SUB_PROCESS_STATUSES),
  staffRole: list(STAFF_ROLES),
  entryType: list(CHRONICLE_ENTRY_TYPES),
  cancellationFlag: list(CANCELLATION_FLAGS),
  populationGender: list(POPULATION_GENDERS),
};

export type CodeMatch = { readonly known: true; readonly value: string } | { readonly known: false; readonly raw: string };

/** Some offices put the statistics' two-digit code in front (`40 Abgabe an …`): it is accepted and dropped. */
export function matchCodeList(codes: CodeList | readonly string[], text: string): CodeMatch {
  const { values, aliases } = isCodeList(codes) ? codes : list(codes);
  const trimmed = text.trim();
  const withoutCode = trimmed.replace(/^\d{2}\s+/, '');
  for (const candidate of [trimmed, withoutCode]) {
    if (values.includes(candidate)) return { known: true, value: candidate };
    const canonical = aliases[candidate];
    if (canonical !== undefined) return { known: true, value: canonical };
  }
  return { known: false, raw: trimmed };
}

function isCodeList(codes: CodeList | readonly string[]): codes is CodeList {
  return !Array.isArray(codes);
}
