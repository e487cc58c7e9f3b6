import type { CANCELLATION_FLAGS } from '@jugendamt/domain';
import { germanDate, germanTimestamp, type Day } from './calendar.js';
import type { ChronicleEntry } from './chronicle.js';
import { germanAmount } from './german-amount.js';
import type { SubProcessStatus } from './office-catalogue.js';
import { workOn, type Aid, type Case, type StaffMember } from './office-model.js';
import type { SubProcess } from './sub-processes.js';

/**
 * One row of an export as WebFM or 14plus writes it, by German column header, showing the
 * record as it stood at the end of `day` (the night before the file's observation).
 */
export type ExportRow = Record<string, string>;

const date = (day: Day | null) => (day === null ? '' : germanDate(day));
const minuteOf = (id: string) => 7 * 60 + (hashOf(id) % (10 * 60));

function hashOf(text: string): number {
  let hash = 0;
  for (const char of text) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0;
  return hash;
}

const shown = (change: Day | null, day: Day) => change !== null && change <= day;

export function caseRow(kase: Case, day: Day): ExportRow {
  const end = shown(kase.end, day) ? kase.end : null;
  const work = workOn(kase.work, day);
  return {
    'Fall-ID': kase.id,
    Aktenzeichen: kase.fileReference,
    Name: kase.name,
    Vorname: kase.firstName,
    Geburtsdatum: date(kase.birth),
    Geschlecht: kase.gender,
    Sozialraum: kase.socialArea,
    Team: kase.team,
    'Fachkraft-ID': work.worker,
    Fallbeginn: date(kase.begin),
    Fallende: date(end),
    'Geändert am': germanTimestamp(Math.max(end ?? kase.begin, work.since), minuteOf(kase.id)),
  };
}

export function aidRow(aid: Aid, day: Day): ExportRow {
  const end = shown(aid.end, day) ? aid.end : null;
  const work = workOn(aid.work, day);
  const lastChange = Math.max(aid.begin, end ?? 0, work.since);
  return {
    'Hilfe-ID': aid.id,
    'Fall-ID': `F${String(aid.caseIndex + 1).padStart(7, '0')}`,
    Hilfeart: aid.type.aidType,
    Paragraph: aid.type.paragraph,
    Beginn: date(aid.begin),
    Ende: date(end),
    Beendigungsgrund: end === null ? '' : aid.reason!,
    'Aufenthalt nach Hilfeende': end === null ? '' : aid.residence!,
    Leistungserbringer: aid.provider,
    Team: work.team,
    'Fachkraft-ID': work.worker,
    'Geändert am': germanTimestamp(lastChange, minuteOf(aid.id)),
  };
}

export function staffRow(member: StaffMember, day: Day): ExportRow {
  const assignment = member.assignments.filter((a) => a.since <= day).at(-1) ?? member.assignments[0]!;
  const leaveKnown = shown(member.leaveKnownOn, day);
  const lastChange = Math.max(Math.min(member.joined, day), assignment.since <= day ? assignment.since : 0, leaveKnown ? member.leaveKnownOn! : 0);
  return {
    'Mitarbeiter-ID': member.id,
    Name: member.name,
    Team: assignment.team,
    'Team seit': date(assignment.since),
    Funktion: member.role,
    Stellenanteil: member.fte,
    Eintritt: date(member.joined),
    Austritt: leaveKnown ? date(member.left) : '',
    'Geändert am': germanTimestamp(lastChange, minuteOf(member.id)),
  };
}

export function subProcessRow(step: SubProcess, day: Day): ExportRow {
  const cancelled = shown(step.cancelled, day);
  const completed = shown(step.completed, day);
  return {
    'Teilprozess-ID': step.id,
    'Fall-ID': step.caseId,
    Kernprozess: step.core,
    Teilprozess: step.sub,
    Team: step.team,
    'Fachkraft-ID': step.worker,
    'Begonnen am': germanTimestamp(step.started, step.startedMinute),
    'Abgeschlossen am': completed ? germanTimestamp(step.completed!, step.completedMinute) : '',
    Status: statusOf(cancelled, completed),
  };
}

function statusOf(cancelled: boolean, completed: boolean): SubProcessStatus {
  return cancelled ? 'storniert' : completed ? 'abgeschlossen' : 'offen';
}

export function chronicleRow(entry: ChronicleEntry): ExportRow {
  return {
    'Chronik-Nr': String(entry.entryNo),
    Aktenzeichen: entry.fileReference,
    Datum: date(entry.date),
    'Erfasst am': germanTimestamp(entry.recordedOn, entry.recordedMinute),
    Sachgebiet: entry.unit,
    'Sachbearbeiter-ID': entry.clerkId,
    Eintragsart: entry.entryType,
    Hilfeart: entry.aidType ?? '',
    Betrag: entry.amountCents === null ? '' : germanAmount(entry.amountCents),
    'Zeitraum von': date(entry.periodFrom),
    'Zeitraum bis': date(entry.periodTo),
    Text: entry.text,
    Storniert: cancellationFlag(entry),
    'Bezug-Nr': entry.cancelledEntryNo === null ? '' : String(entry.cancelledEntryNo),
  };
}

function cancellationFlag(entry: ChronicleEntry): (typeof CANCELLATION_FLAGS)[number] {
  return entry.cancelledEntryNo === null ? 'N' : 'J';
}
