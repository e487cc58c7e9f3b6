import { isoOf, monthStart, type Day } from './calendar.js';
import { germanAmount } from './german-amount.js';
import type { EntryType } from './office-catalogue.js';
import type { Aid, Case, StaffMember } from './office-model.js';
import { paidMonths } from './office-model.js';
import { Prng } from './prng.js';

/** What an entry says; the rest (number, reference, clerk, minute) `add` fills in. */
interface Draft {
  readonly date: Day;
  readonly recordedOn: Day;
  readonly unit: string;
  readonly entryType: EntryType;
  readonly text: string;
  readonly aidType?: string;
  readonly amountCents?: number;
  readonly periodFrom?: Day;
  readonly periodTo?: Day;
  readonly cancelledEntryNo?: number;
}

export interface ChronicleEntry {
  readonly entryNo: number;
  readonly fileReference: string;
  readonly date: Day;
  readonly recordedOn: Day;
  readonly recordedMinute: number;
  readonly unit: string;
  readonly clerkId: string;
  readonly entryType: EntryType;
  readonly aidType: string | null;
  readonly amountCents: number | null;
  readonly periodFrom: Day | null;
  readonly periodTo: Day | null;
  readonly text: string;
  readonly cancelledEntryNo: number | null;
}

/** How long before an aid begins its application may be recorded. */
export const MAX_LEAD_DAYS = 40;

/** The last day an aid's entries can be recorded on: a night after it needs none of them. */
export function lastEntryDay(aid: Aid, lastDay: Day): Day {
  return aid.end === null ? lastDay : Math.max(aid.end + 30, aid.begin + 200);
}

/** Room for an aid's entries in the number space: two years of monthly payments and more. */
const ENTRIES_PER_AID = 200;

/**
 * The 14plus chronicle of one aid: application, decision, cost commitment, a payment per
 * month, contributions for placements, the closing entry, and now and then a payment
 * cancelled by an entry of its own. Derived from the seed whenever it is needed.
 */
export function chronicleOf(seed: number, aid: Aid, kase: Case, clerks: readonly StaffMember[], lastDay: Day): ChronicleEntry[] {
  const r = Prng.for(seed, 'chronicle', aid.index);
  const clerk = clerks.length ? r.pick(clerks).id : 'MA0001';
  const child = `${kase.firstName} ${kase.name}`;
  const entries: ChronicleEntry[] = [];
  // Entries are spelled out field by field: objects spread from a shared literal outlive the
  // young generation in V8, and at a million entries that doubled the generator's memory.
  const add = (draft: Draft): ChronicleEntry | undefined => {
    if (draft.recordedOn > lastDay || entries.length >= ENTRIES_PER_AID) return undefined;
    const entry: ChronicleEntry = {
      entryNo: 1_000_000 + aid.index * ENTRIES_PER_AID + entries.length,
      fileReference: kase.fileReference14plus,
      date: draft.date,
      recordedOn: draft.recordedOn,
      recordedMinute: r.int(7 * 60, 17 * 60),
      unit: draft.unit,
      clerkId: clerk,
      entryType: draft.entryType,
      aidType: draft.aidType ?? null,
      amountCents: draft.amountCents ?? null,
      periodFrom: draft.periodFrom ?? null,
      periodTo: draft.periodTo ?? null,
      text: draft.text,
      cancelledEntryNo: draft.cancelledEntryNo ?? null,
    };
    entries.push(entry);
    return entry;
  };
  // The application reaches WJH once the case is open in WebFM: so every entry finds its case.
  const applied = Math.max(kase.begin, aid.begin - r.int(10, MAX_LEAD_DAYS), 7305);
  const decided = Math.max(applied, aid.begin - r.int(2, 5));
  const committed = Math.max(decided, aid.begin - 1);
  add({ date: applied, recordedOn: applied, unit: 'WJH Hilfen', entryType: 'ANTRAG', text: `Antrag auf ${aid.type.aidType} für ${child}` });
  add({ date: decided, recordedOn: decided, unit: 'WJH Hilfen', entryType: 'BESCHEID', text: `Bewilligung; Bescheid an Sorgeberechtigte von ${child}` });
  add({ date: committed, recordedOn: committed, unit: 'WJH Hilfen', entryType: 'KOSTENZUSAGE', aidType: aid.type.aidType, text: `Kostenzusage an ${aid.provider}` });

  for (const month of paidMonths(aid, lastDay)) {
    const periodFrom = Math.max(month, aid.begin);
    const periodTo = Math.min(monthStart(month, 1) - 1, aid.end ?? Number.MAX_SAFE_INTEGER);
    // The monthly payment run, some days before the month's end, never before the aid begins.
    const payday = Math.max(periodFrom, Math.min(periodTo, monthStart(month, 1) - 5));
    const days = periodTo - periodFrom + 1;
    const cents = Math.round((aid.monthlyCents * days) / 30);
    const [year, month_] = isoOf(periodFrom).split('-');
    const paidFor = `${month_}/${year}`;
    const text = r.chance(0.02) ? `Zahlung "${child}"; Nachzahlung\nlt. Rechnung ${r.int(1000, 9999)} €` : `Zahlung ${paidFor} für ${child}`;
    const payment = add({ date: payday, recordedOn: payday, unit: 'WJH Hilfen', entryType: 'ZAHLUNG', aidType: aid.type.aidType, amountCents: cents, periodFrom, periodTo, text });
    if (payment && r.chance(0.01)) {
      const on = payday + r.int(1, 5);
      add({
        date: on,
        recordedOn: on,
        unit: 'WJH Hilfen',
        entryType: 'ZAHLUNG',
        aidType: aid.type.aidType,
        amountCents: -cents,
        periodFrom,
        periodTo,
        text: `Storno Zahlung für ${child}`,
        cancelledEntryNo: payment.entryNo,
      });
    }
    if (aid.type.stationary && r.chance(0.15)) {
      const contribution = r.int(15_000, 60_000);
      const on = payday + 2;
      add({
        date: on,
        recordedOn: on,
        unit: 'WJH Kostenbeitrag',
        entryType: 'KOSTENBEITRAG',
        aidType: aid.type.aidType,
        amountCents: -contribution,
        text: `Kostenbeitrag Eltern von ${child}: ${germanAmount(contribution)} €`,
      });
      if (r.chance(0.04)) add({ date: on + 12, recordedOn: on + 12, unit: 'WJH Kostenbeitrag', entryType: 'WIDERSPRUCH', text: `Widerspruch der Mutter von ${child} gegen den Kostenbeitrag` });
    }
  }
  if (aid.end !== null) {
    add({ date: aid.end, recordedOn: aid.end + r.int(0, 5), unit: 'WJH Hilfen', entryType: 'EINSTELLUNG', text: `Einstellung der Leistung für ${child}` });
    if (r.chance(0.05))
      add({ date: aid.end + 20, recordedOn: aid.end + 20, unit: 'WJH Hilfen', entryType: 'ERSTATTUNG', aidType: aid.type.aidType, amountCents: -r.int(5_000, 90_000), text: 'Erstattung Überzahlung' });
  }
  if (r.chance(0.2)) {
    const on = Math.min(lastDay, aid.begin + r.int(0, 200));
    add({ date: on, recordedOn: on, unit: 'WJH Hilfen', entryType: 'VERMERK', text: `Telefonat mit Mutter von ${child}; Rückruf erbeten` });
  }
  return entries.filter((e) => e.cancelledEntryNo === null || entries.some((p) => p.entryNo === e.cancelledEntryNo));
}
