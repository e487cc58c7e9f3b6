import { CATALOGUE_NAMES, CATALOGUE_SCHEMAS } from './catalogue-schemas.js';
import { DEFAULT_CATALOGUES } from './default-catalogues.js';

const problemsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => result.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('what an office may store as a catalogue', () => {
  it.each(CATALOGUE_NAMES)('accepts the shipped %s catalogue', (name) => {
    expect(CATALOGUE_SCHEMAS[name].safeParse(DEFAULT_CATALOGUES[name]).success).toBe(true);
  });

  it('refuses aid-type entries with a paragraph not written as docs/kpis.md reads it, an unknown setting, or neither', () => {
    const result = CATALOGUE_SCHEMAS['aid-types'].safeParse({
      entries: { SPFH: { paragraph: '§31' }, Tagesgruppe: { setting: 'halbstationär' }, Leer: {} },
      settingByParagraph: { '§ 35a': 'ambulant' },
    });
    expect(problemsOf(result).sort()).toEqual(['entries.Leer', 'entries.SPFH.paragraph', 'entries.Tagesgruppe.setting']);
  });

  it('refuses a system time share of 100 % or more, fractional working minutes and a sub-process code without its dot', () => {
    expect(problemsOf(CATALOGUE_SCHEMAS.staffing.safeParse({ ...DEFAULT_CATALOGUES.staffing, systemTimeShare: 1, netAnnualWorkingMinutes: 96_000.5 })).sort()).toEqual(['netAnnualWorkingMinutes', 'systemTimeShare']);
    expect(problemsOf(CATALOGUE_SCHEMAS['process-times'].safeParse({ minutes: { '0403': 90, '04.04': 0 } })).sort()).toEqual(['minutes.04.04', 'minutes.0403']);
  });

  it('takes budgets in euros and cents per year and social area, and refuses a year not of four digits, fractions of a cent and a negative budget', () => {
    expect(CATALOGUE_SCHEMAS.budgets.safeParse({ years: { '2025': { 'SR 01 Altstadt': 1_250_000, 'SR 02 Nord': 0.1 + 0.2 } } }).success).toBe(true);
    expect(problemsOf(CATALOGUE_SCHEMAS.budgets.safeParse({ years: { '25': { 'SR 01': 1 }, '2025': { 'SR 01': 10.005, 'SR 02': -1, ' ': 5 } } })).sort()).toEqual([
      'years.2025. ',
      'years.2025.SR 01',
      'years.2025.SR 02',
      'years.25',
    ]);
  });

  it('refuses unknown fields and a type counted twice', () => {
    expect(problemsOf(CATALOGUE_SCHEMAS['chronicle-types'].safeParse({ counted: ['ANTRAG', 'ANTRAG'], extra: true }))).toEqual(expect.arrayContaining(['counted', '']));
  });
});
