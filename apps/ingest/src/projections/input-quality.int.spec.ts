import { basename } from 'node:path';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';
import { TEST_BACKENDS } from '@jugendamt/db/testing';
import { untilEventsReadable } from '@jugendamt/event-store/testing';
import { baseQuality, catchUpAll, DEFAULT_PLAUSIBILITY_RULES, findingsToFix, inputQuality, saveCatalogue, type InputQuality, type QualityMonth } from '@jugendamt/projections';
import { defaultRows, writeExportFile, ingestTestKit, type IngestTestKit, QUALITY_NIGHTS, writeQualityOffice } from '@jugendamt/ingest-pipeline/testing';

const T = DEFAULT_TENANT_ID;
const WINTER = { tenantId: T, from: '2025-12', to: '2026-02' };

/** month → [checked, affected, share, shareChange]. */
const picture = (months: readonly QualityMonth[]) => Object.fromEntries(months.map((m) => [m.month, [m.checked, m.affected, m.share, m.shareChange]]));
const byTeam = (answer: InputQuality) => Object.fromEntries(answer.teams.map((t) => [t.team ?? 'ohne Team', picture(t.months)]));
const month = (months: readonly QualityMonth[], key: string) => months.find((m) => m.month === key)!;

// Every count below is worked out by hand from the gaps listed in quality-office.ts.
describe.each(TEST_BACKENDS)('input quality per team and month over imported files (%s)', (backend) => {
  let kit: IngestTestKit;
  beforeAll(async () => {
    kit = await ingestTestKit(backend);
    const { december, january, february } = writeQualityOffice(kit.dir);
    const summaries = await kit.importFiles([...december, ...january, ...february]);
    expect(summaries.map((s) => [s.file, s.status])).toEqual(summaries.map((s) => [s.file, 'applied']));
    await untilEventsReadable(kit.db);
    await catchUpAll(kit.db, T);
  });
  afterAll(async () => kit.close());

  it('counts the records live in each month as known at its end, the records hit and the share, per team and for the office', async () => {
    const answer = await inputQuality(kit.db, WINTER);
    expect(byTeam(answer)).toEqual({
      // December (night of 15.12.): H1, H2, H5, TP1, TP3, E1; H5 runs past F3's end, TP1 open 121 days.
      // January (20.01.): H1, H2, H5, TP1, E…; H2 ended without reason and Aufenthalt, H5, TP1 (152 days).
      // February (10.02.): H1, H5, TP1 (closed 05.02.); H5 only.
      // September to November, read for the trend as the first export (15.12.) knew them: H1, H2,
      // H5, TP1 each month, none hit (F3 ended on 30.11., TP1 was 90 days open then, within the
      // limit). Süd: H3 alone in October (hit), H3, H4, TP2 in November: 2 of 3, 66.7 %.
      'ASD Team Nord': { '2025-12': [6, 2, 33.3, 33.3], '2026-01': [4, 3, 75, 41.7], '2026-02': [3, 1, 33.3, -41.7] },
      // December: H3 (Hilfeart unknown), H4 (case unknown), H6, TP2 (60 days: within 90).
      // January: H3, H4, H6 (ended with a reason), TP2 (91 days), E3 (F2's): H3, H4, TP2 hit.
      // February: H3 (now SPFH), H4, TP2 (119 days): H4 and TP2 hit.
      'ASD Team Süd': { '2025-12': [4, 2, 50, -16.7], '2026-01': [5, 3, 60, 10], '2026-02': [3, 2, 66.7, 6.7] },
      // Payments whose Aktenzeichen matches no case: E2 in December, E4 in January (its case came later).
      'ohne Team': { '2025-12': [1, 1, 100, null], '2026-01': [1, 1, 100, 0], '2026-02': [0, 0, null, null] },
    });
    // The office: 11, 10 and 6 records; 5, 7 and 3 hit (5 ÷ 11 = 45.45 %, 7 ÷ 10, 3 ÷ 6);
    // November 2 of 7 = 28.57 %.
    expect(picture(answer.office)).toEqual({ '2025-12': [11, 5, 45.5, 16.9], '2026-01': [10, 7, 70, 24.5], '2026-02': [6, 3, 50, -20] });
    // February against the three months before: (28.6 + 45.5 + 70) ÷ 3 = 48.03.
    expect(month(answer.office, '2026-02').shareBefore).toBe(48);
    expect(month(answer.office, '2025-12').knownAt).toBe('2025-12-31T23:00:00.000Z');
  });

  it('counts each rule of January on its own, a record hit by two rules once in the share', async () => {
    const january = month((await inputQuality(kit.db, WINTER)).office, '2026-01');
    expect(january.checkedByKind).toEqual({ aids: 6, 'sub-processes': 2, payments: 2 });
    expect(january.findings).toEqual({
      'aid-ended-without-reason': 1, // H2
      'stationary-ended-without-residence': 1, // H2 again: one record hit, two findings
      'aid-type-not-catalogued': 1, // H3
      'aid-of-unknown-case': 1, // H4
      'aid-running-after-case-end': 1, // H5
      'sub-process-open-too-long': 2, // TP1, TP2
      'payment-without-case': 1, // E4; E5 is a Kostenbeitrag, not checked
    });
  });

  it('answers as known at asOf: February before the export that fixes H3 and closes TP1, and after it', async () => {
    // As of 05.02.2026: January's night. H3 still unknown, TP1 still open (157 days), TP2 96 days.
    const before = await inputQuality(kit.db, { ...WINTER, asOf: new Date('2026-02-05T12:00:00Z') });
    expect(byTeam(before)['ASD Team Nord']!['2026-02']).toEqual([3, 2, 66.7, -8.3]);
    expect(byTeam(before)['ASD Team Süd']!['2026-02']).toEqual([3, 3, 100, 40]);
    expect(month(before.office, '2026-02').knownAt).toBe('2026-02-05T12:00:00.000Z');
    // Months that had ended by then are as they were.
    expect(byTeam(before)['ASD Team Nord']!['2026-01']).toEqual([4, 3, 75, 41.7]);

    const after = await inputQuality(kit.db, { ...WINTER, asOf: QUALITY_NIGHTS.february });
    expect(byTeam(after)['ASD Team Nord']!['2026-02']).toEqual([3, 1, 33.3, -41.7]);
    expect(byTeam(after)['ASD Team Süd']!['2026-02']).toEqual([3, 2, 66.7, 6.7]);

    const beforeAnyExport = await inputQuality(kit.db, { ...WINTER, asOf: new Date('2025-12-01T00:00:00Z') });
    expect(beforeAnyExport.teams).toEqual([]);
    expect(picture(beforeAnyExport.office)['2025-12']).toEqual([0, 0, null, null]);
  });

  it('follows the catalogue: a rule switched off is not counted, a code given more days is not hit', async () => {
    const rules = { ...DEFAULT_PLAUSIBILITY_RULES.rules, 'aid-running-after-case-end': { ...DEFAULT_PLAUSIBILITY_RULES.rules['aid-running-after-case-end'], active: false } };
    await saveCatalogue(kit.db, T, 'plausibility-rules', { rules, openDays: { default: 90, byCode: { '04.03': 120 } } });
    try {
      const answer = await inputQuality(kit.db, WINTER);
      // January, Nord: H2 and TP1 (152 > 120 days; H5 no longer checked), against TP1 alone of 6 in December;
      // Süd: H3, H4 (TP2 91 ≤ 120 days), against the same two of 4 in December.
      expect(byTeam(answer)['ASD Team Nord']!['2026-01']).toEqual([4, 2, 50, 33.3]);
      expect(byTeam(answer)['ASD Team Süd']!['2026-01']).toEqual([5, 2, 40, -10]);
      expect(month(answer.office, '2026-01').findings).not.toHaveProperty('aid-running-after-case-end');
      expect(answer.rulesVersion).toBe(1);
    } finally {
      await saveCatalogue(kit.db, T, 'plausibility-rules', DEFAULT_PLAUSIBILITY_RULES);
    }
  });

  it('lists what is left to fix now with the file and line where each record stands, and nothing of the fixed gaps', async () => {
    const toFix = await findingsToFix(kit.db, { tenantId: T, from: '2025-12-01', to: '2026-02-28' });
    expect(toFix.map((f) => [f.team, f.records, f.rules, f.file, f.line])).toEqual([
      // Line 1 is the header: H1 … H6 stand on lines 2 to 7 of February's aids, TP1 and TP2 on 2 and 3.
      ['ASD Team Nord', 'aids', ['aid-running-after-case-end'], 'webfm_hilfen_20260210_0215.csv', 6],
      ['ASD Team Süd', 'aids', ['aid-of-unknown-case'], 'webfm_hilfen_20260210_0215.csv', 5],
      // TP2 open 119 days at 28.02.2026.
      ['ASD Team Süd', 'sub-processes', ['sub-process-open-too-long'], 'webfm_teilprozesse_20260210_0215.csv', 3],
      // E2 came in December's 14plus file only; E4 links to F4 since February: fixed.
      [null, 'payments', ['payment-without-case'], '14plus_chronik_20251215_0215.csv', 3],
    ]);
    expect(toFix[0]!.observedAt).toBe(QUALITY_NIGHTS.february.toISOString());
    const sued = await findingsToFix(kit.db, { tenantId: T, from: '2025-12-01', to: '2026-02-28', team: 'ASD Team Süd' });
    expect(sued.map((f) => f.line)).toEqual([5, 3]);
    // Nothing of a source id reaches the answer: only team, kind, rule, file and line.
    expect(JSON.stringify(toFix)).not.toMatch(/H000000|F000000|TP000000|51\.1|1000\d\d/);
  });

  it("notes how good a KPI's base is: the return rate's ended stationary aids, as known before and after February's fix", async () => {
    const of2026 = (asOf?: Date) => baseQuality(kit.db, { kpi: 'return-rate', tenantId: T, from: '2026-01-01', to: '2026-12-31', asOf });
    // H2 is the one stationary aid ended in 2026 (10.01.); January's export leaves reason and Aufenthalt empty.
    expect(await of2026(QUALITY_NIGHTS.january)).toEqual({
      records: 1,
      rules: [
        { rule: 'aid-ended-without-reason', name: 'Hilfe beendet ohne Beendigungsgrund', affected: 1 },
        { rule: 'stationary-ended-without-residence', name: 'Stationäre Hilfe beendet ohne Aufenthalt nach Hilfeende', affected: 1 },
      ],
      notes: ['1 von 1 beendeten stationären Hilfen: Hilfe beendet ohne Beendigungsgrund', '1 von 1 beendeten stationären Hilfen: Stationäre Hilfe beendet ohne Aufenthalt nach Hilfeende'],
    });
    expect((await of2026()).rules.map((r) => [r.rule, r.affected])).toEqual([
      ['aid-ended-without-reason', 0],
      ['stationary-ended-without-residence', 0],
    ]);
  });

  it("notes the costs' payments without a case, the sub-processes open too long and the caseload's aids running past their case's end, for the office and a team", async () => {
    const winter = { tenantId: T, from: '2025-12-01', to: '2026-01-31' };
    // E1 … E4 are the payments of December and January (E5 is a contribution); E2 has no case,
    // nor had E4 until February brought F4.
    expect(await baseQuality(kit.db, { kpi: 'costs', ...winter, asOf: QUALITY_NIGHTS.january })).toMatchObject({
      records: 4,
      notes: ['2 von 4 Zahlungen des Zeitraums: Zahlung ohne passendes Aktenzeichen'],
    });
    expect((await baseQuality(kit.db, { kpi: 'costs', ...winter })).notes).toEqual(['1 von 4 Zahlungen des Zeitraums: Zahlung ohne passendes Aktenzeichen']);
    // Team Nord paid E1 only, linked.
    expect((await baseQuality(kit.db, { kpi: 'costs', ...winter, team: 'ASD Team Nord' })).notes).toEqual(['0 von 1 Zahlungen des Zeitraums: Zahlung ohne passendes Aktenzeichen']);
    // Whole months are read from the costs' sums, other periods from the payments: both count alike.
    const toMidJanuary = { tenantId: T, from: '2025-12-01', to: '2026-01-14' };
    expect((await baseQuality(kit.db, { kpi: 'costs', ...toMidJanuary })).notes).toEqual(['1 von 3 Zahlungen des Zeitraums: Zahlung ohne passendes Aktenzeichen']);
    expect((await baseQuality(kit.db, { kpi: 'costs', ...winter, to: '2026-01-20', asOf: QUALITY_NIGHTS.january })).notes).toEqual([
      '2 von 4 Zahlungen des Zeitraums: Zahlung ohne passendes Aktenzeichen',
    ]);

    // Sub-processes in work in December and January: TP1, TP2 (both open then), TP3 (12.12.).
    // As of January, checked on 20.01.: TP1 open 141 days (hit), TP2 80 (not yet). As known now,
    // checked on 31.01.: TP1 closed on 05.02. (not hit), TP2 open 91 days (hit).
    const note = async (query: Partial<Parameters<typeof baseQuality>[1]>) => (await baseQuality(kit.db, { kpi: 'sub-process-counts', ...winter, ...query })).notes;
    const openTooLong = 'im Zeitraum offenen oder abgeschlossenen Teilprozessen: Teilprozess länger offen als vorgesehen';
    expect(await note({ asOf: QUALITY_NIGHTS.january })).toEqual([`1 von 3 ${openTooLong}`]);
    expect(await note({})).toEqual([`1 von 3 ${openTooLong}`]);
    expect(await note({ team: 'ASD Team Nord' })).toEqual([`0 von 2 ${openTooLong}`]);
    expect(await note({ team: 'ASD Team Nord', asOf: QUALITY_NIGHTS.january })).toEqual([`1 von 2 ${openTooLong}`]);
    // Read from the sub-processes themselves when the period ends within a month (TP1 136 days on 15.01.).
    expect(await note({ to: '2026-01-15', asOf: QUALITY_NIGHTS.january, kpi: 'staffing-requirement' })).toEqual([`1 von 3 ${openTooLong}`]);

    // HzE aids running on 31.01.2026: H1, H3, H4, H5 (H2 and H6 ended before); H5 runs past F3's end.
    const on = { tenantId: T, from: '2026-01-31', to: '2026-01-31' };
    expect(await baseQuality(kit.db, { kpi: 'caseload', ...on })).toEqual({
      records: 4,
      rules: [{ rule: 'aid-running-after-case-end', name: 'Hilfe läuft über das Fallende hinaus', affected: 1 }],
      notes: ['1 von 4 am Stichtag laufenden Hilfen zur Erziehung: Hilfe läuft über das Fallende hinaus'],
    });
    expect((await baseQuality(kit.db, { kpi: 'caseload', ...on, team: 'ASD Team Nord' })).notes).toEqual(['1 von 2 am Stichtag laufenden Hilfen zur Erziehung: Hilfe läuft über das Fallende hinaus']);
  });
});

describe.each(TEST_BACKENDS)("a complete month's picture, checked once and kept (%s)", (backend) => {
  let kit: IngestTestKit;
  beforeAll(async () => {
    kit = await ingestTestKit(backend);
    const { december, january } = writeQualityOffice(kit.dir);
    // January's WebFM exports, not yet its 14plus one.
    await kit.importFiles([...december, ...january.filter((file) => !basename(file).startsWith('14plus'))]);
    await untilEventsReadable(kit.db);
    await catchUpAll(kit.db, T);
  });
  afterAll(async () => kit.close());

  it('reads December as known at its end anew once a 14plus export observed before that end, delivered late, is applied and projected', async () => {
    const december = async () => month((await inputQuality(kit.db, { tenantId: T, from: '2025-12', to: '2026-01' })).office, '2025-12');
    // E1 and E2 of the payments, E2 without a case (see quality-office.ts).
    expect((await december()).checkedByKind.payments).toBe(2);
    expect((await december()).findings['payment-without-case']).toBe(1);

    // Observed on 20.12., delivered after January's WebFM exports: E6 of 18.12., its Aktenzeichen no case's.
    const late = { ...defaultRows('14plus_chronik', 1, 6)[0]!, Aktenzeichen: '51.1 - 2023/96', Datum: '18.12.2025', 'Erfasst am': '18.12.2025 10:00' };
    const [summary] = await kit.importFiles([writeExportFile(kit.dir, '14plus_chronik_20251220_0215.csv', '14plus_chronik', [late])]);
    expect(summary!.status).toBe('applied');
    await untilEventsReadable(kit.db);
    // Asked before the projections applied it, December is read without it, and not kept so.
    expect((await december()).checkedByKind.payments).toBe(2);
    await catchUpAll(kit.db, T);

    expect((await december()).checkedByKind.payments).toBe(3);
    expect((await december()).findings['payment-without-case']).toBe(2);
  });
});
