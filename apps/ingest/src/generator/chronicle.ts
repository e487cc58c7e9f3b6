import { isoOf, monthStart, type Day } from './calendar.js';
import type { Aid, Case, StaffMember } from './office-model.js';
import { paidMonths } from './office-model.js';
import { Prng } from './prng.js';

export interface ChronicleEntry {
  readonly entryNo: number;
  readonly fileReference: string;
  readonly date: Day;
  readonly recordedOn: Day;
  readonly recordedMinute: number;
  readonly unit: string;
  readonly clerkId: string;
  readonly entryType: string;
  readonly aidType: string | null;
  readonly amountCents: number | null;
  readonly periodFrom: Day | null;
  readonly periodTo: Day | null;
  readonly text: string;
  readonly cancelledEntryNo: number | null;
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
  const add = (entry: Omit<ChronicleEntry, 'entryNo' | 'fileReference' | 'clerkId' | 'recordedMinute'> & { recordedMinute?: number }) => {
    if (entry.recordedOn > lastDay || entries.length >= ENTRIES_PER_AID) return undefined;
    const full: ChronicleEntry = {
      recordedMinute: r.int(7 * 60, 17 * 60),
      ...entry,
      entryNo: 1_000_000 + aid.index * ENTRIES_PER_AID + entries.length,
      fileReference: kase.fileReference14plus,
      clerkId: clerk,
    };
    entries.push(full);
    return full;
  };
  const plain = { aidType: null, amountCents: null, periodFrom: null, periodTo: null, cancelledEntryNo: null };
  const applied = Math.max(aid.begin - r.int(10, 40), 7305);
  add({ ...plain, date: applied, recordedOn: applied, unit: 'WJH Hilfen', entryType: 'ANTRAG', text: `Antrag auf ${aid.type.aidType} für ${child}` });
  add({ ...plain, date: aid.begin - 3, recordedOn: aid.begin - 2, unit: 'WJH Hilfen', entryType: 'BESCHEID', text: `Bewilligung; Bescheid an Sorgeberechtigte von ${child}` });
  add({ ...plain, date: aid.begin - 1, recordedOn: aid.begin - 1, unit: 'WJH Hilfen', entryType: 'KOSTENZUSAGE', aidType: aid.type.aidType, text: `Kostenzusage an ${aid.provider}` });

  for (const month of paidMonths(aid, lastDay)) {
    const periodFrom = Math.max(month, aid.begin);
    const periodTo = Math.min(monthStart(month, 1) - 1, aid.end ?? Number.MAX_SAFE_INTEGER);
    const payday = Math.min(periodTo, monthStart(month, 1) - 5);
    const days = periodTo - periodFrom + 1;
    const cents = Math.round((aid.monthlyCents * days) / 30);
    const paidFor = isoOf(periodFrom).slice(0, 7);
    const text = r.chance(0.02) ? `Zahlung "${child}"; Nachzahlung\nlt. Rechnung ${r.int(1000, 9999)} €` : `Zahlung ${paidFor} für ${child}`;
    const payment = add({ date: payday, recordedOn: payday, unit: 'WJH Hilfen', entryType: 'ZAHLUNG', aidType: aid.type.aidType, amountCents: cents, periodFrom, periodTo, text, cancelledEntryNo: null });
    if (payment && r.chance(0.01)) {
      const on = payday + r.int(1, 5);
      add({ date: on, recordedOn: on, unit: 'WJH Hilfen', entryType: 'ZAHLUNG', aidType: aid.type.aidType, amountCents: -cents, periodFrom, periodTo, text: `Storno Zahlung für ${child}`, cancelledEntryNo: payment.entryNo });
    }
    if (aid.type.stationary && r.chance(0.15)) {
      add({ ...plain, date: payday + 2, recordedOn: payday + 2, unit: 'WJH Kostenbeitrag', entryType: 'KOSTENBEITRAG', aidType: aid.type.aidType, amountCents: -r.int(15_000, 60_000), text: `Kostenbeitrag Eltern von ${child}` });
    }
  }
  if (aid.end !== null) {
    add({ ...plain, date: aid.end, recordedOn: aid.end + r.int(0, 5), unit: 'WJH Hilfen', entryType: 'EINSTELLUNG', text: `Einstellung der Leistung für ${child}` });
    if (r.chance(0.05)) add({ ...plain, date: aid.end + 20, recordedOn: aid.end + 20, unit: 'WJH Hilfen', entryType: 'ERSTATTUNG', aidType: aid.type.aidType, amountCents: -r.int(5_000, 90_000), text: 'Erstattung Überzahlung' });
  }
  if (r.chance(0.2)) {
    const on = Math.min(lastDay, aid.begin + r.int(0, 200));
    add({ ...plain, date: on, recordedOn: on, unit: 'WJH Hilfen', entryType: 'VERMERK', text: `Telefonat mit Mutter von ${child}; Rückruf erbeten` });
  }
  return entries.filter((e) => e.cancelledEntryNo === null || entries.some((p) => p.entryNo === e.cancelledEntryNo));
}
