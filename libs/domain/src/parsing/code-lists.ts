/** The code lists of EXPORTS.md. Values outside a list are kept as they are and reported. */
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
export const STAFF_ROLES = ['Fachkraft', 'Teamleitung', 'Verwaltung', 'Fachadministration'] as const;

export const REASON_TRANSFER_OF_RESPONSIBILITY = 'Abgabe an ein anderes Jugendamt wegen Zuständigkeitswechsel';
export const REASON_ADOPTION = 'Adoptionspflege/Adoption';
export const RESIDENCE_PARENTS = 'im Haushalt der Eltern/eines Elternteils/des Sorgeberechtigten';

export type CodeMatch = { readonly known: true; readonly value: string } | { readonly known: false; readonly raw: string };

/** Some offices put the statistics' two-digit code in front (`40 Abgabe an …`): it is accepted and dropped. */
export function matchCodeList(list: readonly string[], text: string): CodeMatch {
  const trimmed = text.trim();
  const withoutCode = trimmed.replace(/^\d{2}\s+/, '');
  for (const candidate of [trimmed, withoutCode]) if (list.includes(candidate)) return { known: true, value: candidate };
  return { known: false, raw: trimmed };
}
