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
    expect(problemsOf(CATALOGUE_SCHEMAS.staffing.safeParse({ ...DEFAULT_CATALOGUES.staffing, systemTimeShare: 1, netAnnualWorkingMinutes: 96_000.5 })).sort()).toEqual([
      'netAnnualWorkingMinutes',
      'systemTimeShare',
    ]);
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

  it('takes the shipped plausibility rules, and refuses a rule dropped, one on other records, an unknown KPI and a limit of 0 days', () => {
    const rules = DEFAULT_CATALOGUES['plausibility-rules'];
    expect(CATALOGUE_SCHEMAS['plausibility-rules'].safeParse(rules).success).toBe(true);
    const { 'payment-without-case': _, ...withoutPayments } = rules.rules;
    const bad = {
      rules: {
        ...withoutPayments,
        'aid-of-unknown-case': { ...rules.rules['aid-of-unknown-case'], records: 'payments' },
        'aid-ended-without-reason': { ...rules.rules['aid-ended-without-reason'], weakens: ['returns'] },
      },
      openDays: { default: 0, byCode: { '04.03': 120 } },
    };
    expect(problemsOf(CATALOGUE_SCHEMAS['plausibility-rules'].safeParse(bad)).sort()).toEqual([
      'openDays.default',
      'rules.aid-ended-without-reason.weakens.0',
      'rules.aid-of-unknown-case.records',
      'rules.payment-without-case',
    ]);
  });

  it('refuses unknown fields and a type counted twice', () => {
    expect(problemsOf(CATALOGUE_SCHEMAS['chronicle-types'].safeParse({ counted: ['ANTRAG', 'ANTRAG'], extra: true }))).toEqual(expect.arrayContaining(['counted', '']));
  });
});
