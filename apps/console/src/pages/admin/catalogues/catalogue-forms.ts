import { formatNumberInput, parseGermanNumber } from '../../../format/german-input';
import type { CatalogueName, Contents } from './catalogue-api';
import { newRow, type FormValues, type Row, type Section, type TableSection } from './form-model';

const SETTINGS = ['ambulant', 'teilstationär', 'stationär'] as const;
type Setting = (typeof SETTINGS)[number];

function isSetting(value: string): value is Setting {
  return SETTINGS.some((setting) => setting === value);
}

const PARAGRAPH_RULE = 'Paragraf wie „§ 34“ oder „§ 35a“: das Zeichen §, ein Leerzeichen, die Nummer.';
const SETTING_RULE = 'Bitte ambulant, teilstationär oder stationär wählen.';

/** How each catalogue is shown and edited, and how its content becomes form values and back. */
export interface CatalogueForm<N extends CatalogueName> {
  readonly sections: readonly Section[];
  toValues(content: Contents[N]): FormValues;
  /** Called once the form's checks passed: every number parses. */
  toContent(values: FormValues): Contents[N];
}

// The database keeps a record's keys in an order of its own: shown sorted, `§ 35` before `§ 35a`, `04.02` before `04.03`.
const sorted = <V>(record: Readonly<Record<string, V>>) => Object.entries(record).sort(([a], [b]) => a.localeCompare(b, 'de', { numeric: true }));
const cell = (row: Row, column: string) => (row.cells[column] ?? '').trim();
const numberIn = (text: string | undefined) => parseGermanNumber(text ?? '') ?? Number.NaN;
const rowsOf = (values: FormValues, table: string) => values.tables[table] ?? [];
const listOf = (values: FormValues, table: string) => rowsOf(values, table).map((row) => cell(row, 'value'));
const listRows = (items: readonly string[]) => items.map((value) => newRow({ value }));

const aidTypes: CatalogueForm<'aid-types'> = {
  sections: [
    {
      kind: 'record',
      key: 'entries',
      title: 'Hilfearten',
      description: 'Jede Hilfeart, wie der Export sie schreibt, mit ihrem Paragrafen, ihrer Leistungsform oder beidem.',
      columns: [
        { key: 'aidType', label: 'Hilfeart', input: { kind: 'text' }, rule: 'Bitte die Hilfeart angeben, wie der Export sie schreibt.' },
        { key: 'paragraph', label: 'Paragraf', input: { kind: 'text' }, optional: true, rule: PARAGRAPH_RULE },
        { key: 'setting', label: 'Leistungsform', input: { kind: 'choice', options: SETTINGS }, optional: true, rule: SETTING_RULE },
      ],
      rule: 'Jede Hilfeart nur einmal.',
      rowRule: 'Bitte einen Paragrafen, eine Leistungsform oder beides angeben.',
      rowNoun: 'Hilfeart',
    },
    {
      kind: 'record',
      key: 'settingByParagraph',
      title: 'Leistungsform nach Paragraf',
      description: 'Gilt für Hilfearten, die oben nicht stehen oder keine Leistungsform nennen.',
      scalar: true,
      columns: [
        { key: 'paragraph', label: 'Paragraf', input: { kind: 'text' }, rule: PARAGRAPH_RULE },
        { key: 'setting', label: 'Leistungsform', input: { kind: 'choice', options: SETTINGS }, rule: SETTING_RULE },
      ],
      rule: 'Jeden Paragrafen nur einmal.',
      rowNoun: 'Paragraf',
    },
  ],
  toValues: (content) => ({
    tables: {
      entries: sorted(content.entries).map(([aidType, entry]) => newRow({ aidType, paragraph: entry.paragraph ?? '', setting: entry.setting ?? '' })),
      settingByParagraph: sorted(content.settingByParagraph).map(([paragraph, setting]) => newRow({ paragraph, setting })),
    },
    fields: {},
  }),
  toContent: (values) => ({
    entries: Object.fromEntries(
      rowsOf(values, 'entries').map((row) => {
        const paragraph = cell(row, 'paragraph');
        const setting = cell(row, 'setting');
        return [cell(row, 'aidType'), { ...(paragraph && { paragraph }), ...(isSetting(setting) && { setting }) }];
      }),
    ),
    settingByParagraph: Object.fromEntries(
      rowsOf(values, 'settingByParagraph').flatMap((row) => {
        const setting = cell(row, 'setting');
        return isSetting(setting) ? [[cell(row, 'paragraph'), setting] as const] : [];
      }),
    ),
  }),
};

const chronicleTypes: CatalogueForm<'chronicle-types'> = {
  sections: [
    {
      kind: 'list',
      key: 'counted',
      title: 'Gezählte Eintragsarten',
      description: '14plus-Eintragsarten, die als Prozessschritt zählen (Vorgänge); was hier fehlt, zählt nicht.',
      columns: [{ key: 'value', label: 'Eintragsart', input: { kind: 'text' }, rule: 'Bitte die Eintragsart angeben, z. B. ANTRAG.' }],
      rule: 'Mindestens eine Eintragsart, jede nur einmal.',
      rowNoun: 'Eintragsart',
    },
  ],
  toValues: (content) => ({ tables: { counted: listRows(content.counted) }, fields: {} }),
  toContent: (values) => ({ counted: listOf(values, 'counted') }),
};

const staffing: CatalogueForm<'staffing'> = {
  sections: [
    {
      kind: 'list',
      key: 'fluctuationRoles',
      title: 'Funktionen für die Fluktuation',
      description: 'Wessen Eintritte und Austritte die Fluktuation zählt.',
      columns: [{ key: 'value', label: 'Funktion', input: { kind: 'text' }, rule: 'Bitte die Funktion angeben, z. B. Fachkraft.' }],
      rule: 'Mindestens eine Funktion, jede nur einmal.',
      rowNoun: 'Funktion',
    },
    {
      kind: 'fields',
      key: 'time',
      title: 'Fallführung und Arbeitszeit',
      fields: [
        {
          key: 'caseWorkerRole',
          label: 'Funktion der fallführenden Fachkräfte',
          input: { kind: 'text' },
          rule: 'Bitte die Funktion angeben, z. B. Fachkraft.',
          hint: 'Ihre Stellenanteile tragen Fälle und Prozesse.',
        },
        {
          key: 'systemTimeShare',
          label: 'Zuschlag für Systemzeit (Anteil)',
          input: { kind: 'number' },
          rule: 'Der Anteil muss mindestens 0 und kleiner als 1 sein, z. B. 0,25 für 25 %.',
          hint: 'Zeit außerhalb der gezählten Prozesse, als Anteil: 0,25 für 25 %.',
        },
        {
          key: 'netAnnualWorkingMinutes',
          label: 'Netto-Jahresarbeitszeit einer Vollzeitstelle (Minuten)',
          input: { kind: 'number' },
          rule: 'Bitte eine ganze Zahl größer als 0 angeben, z. B. 96.000 (1.600 Stunden).',
          hint: 'Ganze Minuten im Jahr, z. B. 96.000.',
        },
      ],
    },
  ],
  toValues: (content) => ({
    tables: { fluctuationRoles: listRows(content.fluctuationRoles) },
    fields: { caseWorkerRole: content.caseWorkerRole, systemTimeShare: formatNumberInput(content.systemTimeShare), netAnnualWorkingMinutes: formatNumberInput(content.netAnnualWorkingMinutes) },
  }),
  toContent: (values) => ({
    fluctuationRoles: listOf(values, 'fluctuationRoles'),
    caseWorkerRole: (values.fields['caseWorkerRole'] ?? '').trim(),
    systemTimeShare: numberIn(values.fields['systemTimeShare']),
    netAnnualWorkingMinutes: numberIn(values.fields['netAnnualWorkingMinutes']),
  }),
};

const processTimes: CatalogueForm<'process-times'> = {
  sections: [
    {
      kind: 'record',
      key: 'minutes',
      title: 'Minuten je Teilprozess',
      description: 'Die Zeit, die ein abgeschlossener Teilprozess im Mittel kostet; Grundlage des Personalbedarfs.',
      scalar: true,
      columns: [
        { key: 'code', label: 'Teilprozess', input: { kind: 'text' }, rule: 'Teilprozess-Code wie „04.03“: zwei Ziffern, Punkt, zwei Ziffern.' },
        { key: 'minutes', label: 'Minuten', input: { kind: 'number' }, rule: 'Die Minuten müssen größer als 0 sein.' },
      ],
      rule: 'Jeden Teilprozess nur einmal.',
      rowNoun: 'Teilprozess',
    },
  ],
  toValues: (content) => ({ tables: { minutes: sorted(content.minutes).map(([code, minutes]) => newRow({ code, minutes: formatNumberInput(minutes) })) }, fields: {} }),
  toContent: (values) => ({ minutes: Object.fromEntries(rowsOf(values, 'minutes').map((row) => [cell(row, 'code'), numberIn(row.cells['minutes'])])) }),
};

const budgets: CatalogueForm<'budgets'> = {
  sections: [
    {
      kind: 'record',
      key: 'years',
      title: 'Budgets je Sozialraum',
      description: 'Das Budget jedes Sozialraums für ein Kalenderjahr, in Euro: Grundlage des Sozialraumbudgets (Kennzahl 10). Eine Änderung gilt sofort.',
      scalar: true,
      keyColumns: 2,
      columns: [
        { key: 'year', label: 'Jahr', input: { kind: 'text' }, rule: 'Das Jahr mit vier Ziffern, z. B. 2025.' },
        { key: 'socialArea', label: 'Sozialraum', input: { kind: 'text' }, rule: 'Bitte den Sozialraum angeben, wie der Export ihn schreibt.' },
        { key: 'euros', label: 'Budget (€)', input: { kind: 'number' }, rule: 'Ein Betrag ab 0 € mit höchstens zwei Nachkommastellen, z. B. 1.250.000,00.' },
      ],
      rule: 'Jeden Sozialraum je Jahr nur einmal.',
      rowNoun: 'Budget',
    },
  ],
  toValues: (content) => ({
    tables: {
      years: sorted(content.years).flatMap(([year, areas]) => sorted(areas).map(([socialArea, euros]) => newRow({ year, socialArea, euros: formatNumberInput(euros) }))),
    },
    fields: {},
  }),
  toContent: (values) => {
    const years: Record<string, Record<string, number>> = {};
    for (const row of rowsOf(values, 'years')) (years[cell(row, 'year')] ??= {})[cell(row, 'socialArea')] = numberIn(row.cells['euros']);
    return { years };
  },
};

const RECORD_KINDS = ['aids', 'sub-processes', 'payments'] as const;
const YES = 'ja';
type Rules = Contents['plausibility-rules']['rules'];

const plausibilityRules: CatalogueForm<'plausibility-rules'> = {
  sections: [
    {
      kind: 'record',
      key: 'rules',
      title: 'Plausibilitätsregeln',
      description:
        'Jede Regel, wie die Teamleitungen sie lesen, ob sie geprüft wird und welche Kennzahlen sie schwächt (Namen der API, durch Komma getrennt, z. B. return-rate). Die Prüfung selbst liegt fest; eine Änderung gilt sofort.',
      columns: [
        { key: 'rule', label: 'Regel', input: { kind: 'text' }, rule: 'Eine der festen Regeln; Regeln werden abgeschaltet, nicht gelöscht.' },
        { key: 'name', label: 'Bezeichnung', input: { kind: 'text' }, rule: 'Bitte eine Bezeichnung angeben.' },
        { key: 'records', label: 'Datensätze', input: { kind: 'choice', options: RECORD_KINDS }, rule: 'Die Datensätze, die die Regel prüft, liegen mit der Regel fest.' },
        { key: 'weakens', label: 'Schwächt', input: { kind: 'text' }, optional: true, rule: 'Kennzahlen mit ihren Namen in der API, durch Komma getrennt, jede einmal.' },
        { key: 'active', label: 'Geprüft', input: { kind: 'choice', options: [YES, 'nein'] }, rule: 'Bitte ja oder nein wählen.' },
      ],
      rule: 'Jede Regel genau einmal.',
      rowNoun: 'Regel',
    },
    {
      kind: 'fields',
      key: 'openDays',
      title: 'Offene Teilprozesse',
      fields: [{ key: 'openDays.default', label: 'Tage, die ein Teilprozess offen sein darf', input: { kind: 'number' }, rule: 'Bitte eine ganze Zahl größer als 0 angeben, z. B. 90.' }],
    },
    {
      kind: 'record',
      key: 'openDays.byCode',
      title: 'Abweichende Tage je Teilprozess',
      description: 'Für Teilprozesse, die länger (oder kürzer) offen sein dürfen als oben.',
      scalar: true,
      columns: [
        { key: 'code', label: 'Teilprozess', input: { kind: 'text' }, rule: 'Teilprozess-Code wie „04.03“: zwei Ziffern, Punkt, zwei Ziffern.' },
        { key: 'days', label: 'Tage', input: { kind: 'number' }, rule: 'Bitte eine ganze Zahl größer als 0 angeben.' },
      ],
      rule: 'Jeden Teilprozess nur einmal.',
      rowNoun: 'Teilprozess',
    },
  ],
  toValues: (content) => ({
    tables: {
      // In the catalogue's own order: the rules read as the product lists them.
      rules: Object.entries(content.rules).map(([rule, r]) => newRow({ rule, name: r.name, records: r.records, weakens: r.weakens.join(', '), active: r.active ? YES : 'nein' })),
      'openDays.byCode': sorted(content.openDays.byCode).map(([code, days]) => newRow({ code, days: formatNumberInput(days) })),
    },
    fields: { 'openDays.default': formatNumberInput(content.openDays.default) },
  }),
  toContent: (values) => ({
    rules: Object.fromEntries(
      rowsOf(values, 'rules').map((row) => [
        cell(row, 'rule'),
        {
          name: cell(row, 'name'),
          records: cell(row, 'records'),
          weakens: cell(row, 'weakens')
            .split(',')
            .map((kpi) => kpi.trim())
            .filter(Boolean),
          active: cell(row, 'active') === YES,
        },
      ]),
    ) as unknown as Rules,
    openDays: {
      default: numberIn(values.fields['openDays.default']),
      byCode: Object.fromEntries(rowsOf(values, 'openDays.byCode').map((row) => [cell(row, 'code'), numberIn(row.cells['days'])])),
    },
  }),
};

export const CATALOGUE_FORMS: { readonly [N in CatalogueName]: CatalogueForm<N> } = {
  'aid-types': aidTypes,
  'chronicle-types': chronicleTypes,
  staffing,
  'process-times': processTimes,
  budgets,
  'plausibility-rules': plausibilityRules,
};

/** A catalogue's content as form values; generic, so that a content goes with its own catalogue's form. */
export function valuesOf<N extends CatalogueName>(name: N, content: Contents[N]): FormValues {
  return CATALOGUE_FORMS[name].toValues(content);
}

export function contentOf<N extends CatalogueName>(name: N, values: FormValues): Contents[N] {
  return CATALOGUE_FORMS[name].toContent(values);
}

export function tableSections(sections: readonly Section[]): TableSection[] {
  return sections.flatMap((section) => (section.kind === 'fields' ? [] : [section]));
}
