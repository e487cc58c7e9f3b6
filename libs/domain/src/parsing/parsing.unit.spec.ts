import { normalizeAktenzeichen } from './aktenzeichen.js';
import { matchCodeList, REASONS_OF_ENDING } from './code-lists.js';
import { parseExportFileName } from './export-file-name.js';
import { berlinDayOf, berlinTimeToUtc, parseGermanDate, parseGermanTimestamp } from './german-date.js';
import { dateParser, DEFAULT_DATE_FORMATS, DEFAULT_TIMESTAMP_FORMATS, patternProblem } from './date-patterns.js';
import { parseEuroCents, parseGermanDecimal, parseInteger } from './german-number.js';

describe('German dates and timestamps', () => {
  it.each([
    ['21.11.2025', '2025-11-21'],
    [' 1.2.2024 ', '2024-02-01'],
    ['29.02.2024', '2024-02-29'],
  ])('reads %s as %s', (text, iso) => expect(parseGermanDate(text)).toEqual({ ok: true, value: iso }));

  it.each(['31.02.2025', '29.02.2023', '2025-11-21', '21.11.25', '', 'morgen'])('refuses %p with a reason', (text) => {
    const result = parseGermanDate(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(text);
  });

  it('reads timestamps with and without seconds, and refuses impossible times', () => {
    expect(parseGermanTimestamp('08.01.2024 02:15')).toEqual({ ok: true, value: '2024-01-08T02:15:00' });
    expect(parseGermanTimestamp('01.01.2024 01:15:02')).toEqual({ ok: true, value: '2024-01-01T01:15:02' });
    expect(parseGermanTimestamp('01.01.2024 24:00').ok).toBe(false);
    expect(parseGermanTimestamp('01.01.2024').ok).toBe(false);
  });

  it('turns Berlin wall-clock time into UTC across both changes of summer time', () => {
    expect(berlinTimeToUtc('2024-01-08T02:15:00').toISOString()).toBe('2024-01-08T01:15:00.000Z');
    expect(berlinTimeToUtc('2024-07-01T02:15:00').toISOString()).toBe('2024-07-01T00:15:00.000Z');
    // 31.03.2024 02:30 does not exist: read as winter time, i.e. 03:30 summer time.
    expect(berlinTimeToUtc('2024-03-31T02:30:00').toISOString()).toBe('2024-03-31T01:30:00.000Z');
    // 27.10.2024 02:30 happens twice: the first (summer time) is taken.
    expect(berlinTimeToUtc('2024-10-27T02:30:00').toISOString()).toBe('2024-10-27T00:30:00.000Z');
  });
});

describe('the office calendar day of an instant', () => {
  it('turns at Berlin midnight, an hour before UTC in winter and two in summer', () => {
    expect(berlinDayOf(new Date('2026-01-04T22:59:00Z'))).toBe('2026-01-04');
    expect(berlinDayOf(new Date('2026-01-04T23:00:00Z'))).toBe('2026-01-05');
    expect(berlinDayOf(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(berlinDayOf(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
  });
});

describe('German numbers', () => {
  it.each([
    ['0,75', 0.75],
    ['1,0', 1],
    ['12', 12],
    ['-1.234,56', -1234.56],
  ])('reads %s as %d', (text, value) => expect(parseGermanDecimal(text)).toEqual({ ok: true, value }));

  it.each(['1,2,3', '1.23.4,5', '12.34', 'abc', '', '1.2345,6'])('refuses %p', (text) => expect(parseGermanDecimal(text).ok).toBe(false));

  it('keeps euro amounts exact as cents', () => {
    expect(parseEuroCents('1.397,29')).toEqual({ ok: true, value: 139729 });
    expect(parseEuroCents('-756,58')).toEqual({ ok: true, value: -75658 });
    expect(parseEuroCents('0,1')).toEqual({ ok: true, value: 10 });
    expect(parseEuroCents('5')).toEqual({ ok: true, value: 500 });
    expect(parseEuroCents('1,234').ok).toBe(false);
  });

  it('reads whole numbers only', () => {
    expect(parseInteger('100053')).toEqual({ ok: true, value: 100053 });
    expect(parseInteger('100,5').ok).toBe(false);
  });
});

describe('Aktenzeichen', () => {
  it.each(['51.1-2016/00003', '51.1 - 2016/3', '51.1-2016/0003', '51.1-2016 / 003'])('normalises %s to the WebFM form without leading zeros', (text) => {
    expect(normalizeAktenzeichen(text)).toBe('51.1-2016/3');
  });

  it('keeps a running number of zero and other references apart', () => {
    expect(normalizeAktenzeichen('51.1-2016/000')).toBe('51.1-2016/0');
    expect(normalizeAktenzeichen('51.1-2016/30')).not.toBe(normalizeAktenzeichen('51.1-2016/3'));
  });
});

describe('code lists', () => {
  it('accepts a value with or without the statistics code in front', () => {
    expect(matchCodeList(REASONS_OF_ENDING, '40 Abgabe an ein anderes Jugendamt wegen Zuständigkeitswechsel')).toEqual({
      known: true,
      value: 'Abgabe an ein anderes Jugendamt wegen Zuständigkeitswechsel',
    });
    expect(matchCodeList(REASONS_OF_ENDING, ' Beendigung gemäß Hilfeplan ')).toEqual({ known: true, value: 'Beendigung gemäß Hilfeplan' });
  });

  it('keeps an unknown value as it is', () => {
    expect(matchCodeList(REASONS_OF_ENDING, 'Umzug')).toEqual({ known: false, raw: 'Umzug' });
  });
});

describe('export file names', () => {
  it('reads source and observation time (Europe/Berlin)', () => {
    const result = parseExportFileName('/inbox/webfm_hilfen_20251121_0215.csv');
    expect(result).toEqual({ ok: true, value: { source: 'webfm_hilfen', observedAt: new Date('2025-11-21T01:15:00Z') } });
  });

  it('takes midnight when the time is missing', () => {
    const result = parseExportFileName('14plus_chronik_20240701.csv');
    expect(result.ok && result.value.observedAt.toISOString()).toBe('2024-06-30T22:00:00.000Z');
  });

  it.each(['webfm_hilfen.csv', 'kosten_20240101_0215.csv', 'webfm_hilfen_20240231_0215.csv', 'webfm_hilfen_20240101_2515.csv'])('refuses %s', (name) => {
    expect(parseExportFileName(name).ok).toBe(false);
  });
});

describe('date formats of a profile', () => {
  const iso = dateParser(['JJJJ-MM-TT', 'TT.MM.JJJJ'], 'date');
  it('reads every listed format and names them all when none fits', () => {
    expect(iso('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(iso(' 1.3.2024 ')).toEqual({ ok: true, value: '2024-03-01' });
    expect(iso('2023-02-29')).toEqual({ ok: false, rule: 'no such day', reason: 'no such day: "2023-02-29"' });
    expect(iso('2024/03/01')).toEqual({ ok: false, rule: 'not a date (expected JJJJ-MM-TT or TT.MM.JJJJ)', reason: 'not a date (expected JJJJ-MM-TT or TT.MM.JJJJ): "2024/03/01"' });
  });

  it('reads timestamps with and without seconds, and refuses impossible times', () => {
    const stamp = dateParser(['JJJJ-MM-TT HH:MI:SS', 'JJJJ-MM-TTTHH:MI'], 'timestamp');
    expect(stamp('2024-03-01  07:05:09')).toEqual({ ok: true, value: '2024-03-01T07:05:09' });
    expect(stamp('2024-03-01T07:05')).toEqual({ ok: true, value: '2024-03-01T07:05:00' });
    expect(stamp('2024-03-01 24:00:00')).toEqual({ ok: false, rule: 'no such time', reason: 'no such time: "2024-03-01 24:00:00"' });
  });

  it('keeps the default formats on their own parsers', () => {
    expect(dateParser(DEFAULT_DATE_FORMATS, 'date')).toBe(parseGermanDate);
    expect(dateParser(DEFAULT_TIMESTAMP_FORMATS, 'timestamp')).toBe(parseGermanTimestamp);
  });

  it('refuses patterns that cannot name a day', () => {
    expect(patternProblem('MM/JJJJ', 'date')).toBe('"MM/JJJJ" must hold TT exactly once (tokens: TT, MM, JJJJ)');
    expect(patternProblem('TT.MM.JJJJ HH:MI', 'date')).toBe('"TT.MM.JJJJ HH:MI" is a date format: it cannot hold a time');
    expect(patternProblem('TT.MM.JJJJ HH:MI', 'timestamp')).toBeUndefined();
  });

  it('reads patterns without separators at full width only', () => {
    const compact = dateParser(['JJJJMMTT'], 'date');
    expect(compact('20241231')).toEqual({ ok: true, value: '2024-12-31' });
    expect(compact('2024131')).toEqual({ ok: false, rule: 'not a date (expected JJJJMMTT)', reason: 'not a date (expected JJJJMMTT): "2024131"' });
  });

  it('checks a pattern token by token, as it is compiled', () => {
    expect(patternProblem('TT.MMI.JJJJ HH', 'timestamp')).toBe('"TT.MMI.JJJJ HH" must hold MI exactly once (tokens: TT, MM, JJJJ, HH, MI, SS)');
    expect(patternProblem('TT.MM.JJJJ HH:MI:SS:SS', 'timestamp')).toBe('"TT.MM.JJJJ HH:MI:SS:SS" may hold SS only once');
    expect(() => dateParser(['TT.MM.JJJJ HH:MI:SS:SS'], 'timestamp')).toThrow('bad timestamp format: "TT.MM.JJJJ HH:MI:SS:SS" may hold SS only once');
    expect(() => dateParser([], 'date')).toThrow('bad date format: none given');
  });
});

describe('code aliases', () => {
  it('maps an office spelling to the canonical value, also behind a statistics code', () => {
    const flags = { values: ['J', 'N'], aliases: { Ja: 'J', '01 Nein': 'N' } };
    expect(matchCodeList(flags, ' Ja ')).toEqual({ known: true, value: 'J' });
    expect(matchCodeList(flags, 'Vielleicht')).toEqual({ known: false, raw: 'Vielleicht' });
  });
});
