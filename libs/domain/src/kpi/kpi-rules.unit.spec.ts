import { isEducationalAid, legalBasisOf } from './paragraph.js';
import { percent, ratio, round } from './rounding.js';
import { DEFAULT_AID_TYPE_CATALOGUE, legalBasisOfEntry, settingOf } from './setting.js';
import { isSmallCount } from './suppression.js';
import { teamOn, type StaffMemberFacts } from './staff-over-time.js';

describe('legal basis of an aid', () => {
  it.each([
    ['§ 34 SGB VIII', '§ 34', null],
    ['§35a SGB VIII', '§ 35a', null],
    ['§ 41 i.V.m. § 34 SGB VIII', '§ 41', '§ 34'],
    ['§ 41 i. V. m. §35a', '§ 41', '§ 35a'],
    ['§ 27 Abs. 2 SGB VIII', '§ 27', null],
    ['SGB VIII', null, null],
  ])('reads %s as %s (referring to %s)', (field, paragraph, referenced) => {
    expect(legalBasisOf(field)).toEqual({ paragraph, referenced });
  });

  it('counts §§ 27–35, § 35a and § 41 as HzE, and nothing else', () => {
    expect(['§ 27', '§ 28', '§ 34', '§ 35', '§ 35a', '§ 41'].every(isEducationalAid)).toBe(true);
    expect(['§ 26', '§ 35b', '§ 36', '§ 42', '§ 41a'].some(isEducationalAid)).toBe(false);
    expect(isEducationalAid(null)).toBe(false);
  });
});

describe('setting of an aid', () => {
  const setting = (aidType: string, paragraph: string) => settingOf(aidType, legalBasisOf(paragraph), DEFAULT_AID_TYPE_CATALOGUE);

  it('follows the paragraph where it decides', () => {
    expect(setting('SPFH', '§ 31 SGB VIII')).toBe('ambulant');
    expect(setting('Tagesgruppe', '§ 32 SGB VIII')).toBe('teilstationär');
    expect(setting('Vollzeitpflege', '§ 33 SGB VIII')).toBe('stationär');
  });

  it('reads § 35, § 35a and an unreferenced § 41 from the Hilfeart, teilstationär before stationär', () => {
    expect(setting('Eingliederungshilfe § 35a teilstationär', '§ 35a SGB VIII')).toBe('teilstationär');
    expect(setting('Eingliederungshilfe § 35a stationär', '§ 35a SGB VIII')).toBe('stationär');
    expect(setting('Eingliederungshilfe § 35a ambulant', '§ 35a SGB VIII')).toBe('ambulant');
    expect(setting('Intensive Einzelbetreuung', '§ 35 SGB VIII')).toBe('ambulant');
    expect(setting('Junge Volljährige stationär', '§ 41 SGB VIII')).toBe('stationär');
  });

  it('gives § 41 the setting of the paragraph it refers to', () => {
    expect(setting('Hilfe für junge Volljährige', '§ 41 i.V.m. § 34 SGB VIII')).toBe('stationär');
    expect(setting('Hilfe für junge Volljährige', '§ 41 i.V.m. § 30 SGB VIII')).toBe('ambulant');
    expect(setting('Hilfe für junge Volljährige stationär', '§ 41 i.V.m. § 35a SGB VIII')).toBe('stationär');
  });

  it('lets the catalogue decide for the aid types it lists', () => {
    const catalogue = { ...DEFAULT_AID_TYPE_CATALOGUE, entries: { Familienrat: { setting: 'ambulant' as const } } };
    expect(settingOf('Familienrat', legalBasisOf('§ 34'), catalogue)).toBe('ambulant');
  });

  it('classifies a listed Hilfeart that names its paragraph as the paragraph rules would without the listing', () => {
    const unlisted = { ...DEFAULT_AID_TYPE_CATALOGUE, entries: {} };
    const naming = Object.keys(DEFAULT_AID_TYPE_CATALOGUE.entries).filter((aidType) => legalBasisOf(aidType).paragraph !== null);
    expect(naming.length).toBeGreaterThan(10);
    for (const aidType of naming) {
      expect([aidType, legalBasisOfEntry(aidType, DEFAULT_AID_TYPE_CATALOGUE)]).toEqual([aidType, legalBasisOfEntry(aidType, unlisted)]);
      for (const paragraph of [legalBasisOf(aidType).paragraph!, '§ 41 i.V.m. § 34', '§ 41 i.V.m. § 30']) {
        const basis = legalBasisOf(paragraph);
        expect([aidType, paragraph, settingOf(aidType, basis, DEFAULT_AID_TYPE_CATALOGUE)]).toEqual([aidType, paragraph, settingOf(aidType, basis, unlisted)]);
      }
    }
  });

  it("gives paragraphs outside HzE no setting, not the text rule's ambulant, unless the catalogue names one for the Hilfeart", () => {
    expect(setting('Inobhutnahme', '§ 42 SGB VIII')).toBeNull();
    expect(setting('Gemeinsame Wohnform für Mütter/Väter und Kinder stationär', '§ 19 SGB VIII')).toBeNull();
    expect(setting('Unterhaltsvorschuss', 'UVG')).toBeNull();
    expect(setting('Eingliederungshilfe', '§ 35b')).toBeNull();
    const catalogue = { ...DEFAULT_AID_TYPE_CATALOGUE, entries: { 'Mutter-Kind-Einrichtung': { paragraph: '§ 19', setting: 'stationär' as const } } };
    expect(settingOf('Mutter-Kind-Einrichtung', legalBasisOf('§ 19'), catalogue)).toBe('stationär');
  });
});

describe('legal basis of a 14plus entry, from its Hilfeart', () => {
  it("is the catalogue's paragraph, else the first § of the text, else unbekannt", () => {
    expect(legalBasisOfEntry('SPFH', DEFAULT_AID_TYPE_CATALOGUE)).toEqual({ paragraph: '§ 31', referenced: null });
    expect(legalBasisOfEntry('Inobhutnahme § 42', DEFAULT_AID_TYPE_CATALOGUE)).toEqual({ paragraph: '§ 42', referenced: null });
    expect(legalBasisOfEntry('Hilfe für junge Volljährige § 41 i.V.m. § 34', DEFAULT_AID_TYPE_CATALOGUE)).toEqual({ paragraph: '§ 41', referenced: '§ 34' });
    expect(legalBasisOfEntry('UVG', DEFAULT_AID_TYPE_CATALOGUE)).toEqual({ paragraph: 'unbekannt', referenced: null });
    expect(legalBasisOfEntry(null, DEFAULT_AID_TYPE_CATALOGUE)).toEqual({ paragraph: 'unbekannt', referenced: null });
  });
});

describe('rounding of rates', () => {
  it('rounds half away from zero on the decimal value', () => {
    expect(round(0.05, 1)).toBe(0.1);
    expect(round(83.33333, 1)).toBe(83.3);
    expect(round(1.005, 2)).toBe(1.01);
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(1, 0)).toBeNull();
    expect(ratio(2, 3)).toBe(0.67);
  });
});

describe('small-number suppression', () => {
  it('takes counts of 1 and 2 for those that could point at a person, not 0 or 3', () => {
    expect([0, 1, 2, 3].map(isSmallCount)).toEqual([false, true, true, false]);
  });
});

describe('team of a staff member on a day', () => {
  const member = (assignments: StaffMemberFacts['assignments']): StaffMemberFacts => ({ staffId: 'M1', role: 'Fachkraft', fte: 1, joined: '2020-01-01', left: null, assignments });

  it('is the assignment with the latest start up to that day, in whatever order they were observed', () => {
    const moved = member([
      { team: 'ASD Süd', since: '2025-07-01' },
      { team: 'ASD Nord', since: '2020-01-01' },
    ]);
    expect(teamOn(moved, '2025-06-30')).toBe('ASD Nord');
    expect(teamOn(moved, '2025-07-01')).toBe('ASD Süd');
  });

  it('is none before the first assignment starts, and the later listed of two starting the same day', () => {
    expect(teamOn(member([{ team: 'ASD Ost', since: '2021-03-01' }]), '2020-06-01')).toBeNull();
    expect(teamOn(member([{ team: 'ASD Ost', since: '2021-03-01' }]), '2021-03-01')).toBe('ASD Ost');
    // Whatever order the pairs come in (the staff query lists them sorted by team).
    const twoTeams = member([
      { team: 'ASD Nord', since: '2024-07-01' },
      { team: 'ASD West', since: '2022-01-01' },
    ]);
    expect(teamOn(twoTeams, '2021-12-31')).toBeNull();
    expect(teamOn(twoTeams, '2022-01-01')).toBe('ASD West');
    const twice = member([
      { team: 'ASD Nord', since: '2024-01-01' },
      { team: 'ASD West', since: '2024-01-01' },
    ]);
    expect(teamOn(twice, '2024-05-01')).toBe('ASD West');
  });
});
