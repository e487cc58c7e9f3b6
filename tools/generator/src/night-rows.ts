import type { ExportSource } from '@jugendamt/domain';
import type { Day } from './calendar.js';
import { chronicleOf, lastEntryDay, MAX_LEAD_DAYS } from './chronicle.js';
import { aidRow, caseRow, chronicleRow, staffRow, subProcessRow, type ExportRow } from './export-rows.js';
import type { OfficeModel } from './office-model.js';
import { changeDays, lastStepChange, subProcessesOf } from './sub-processes.js';

/** How far back the overlapping exports reach (docs/exports.md). */
const DELTA_DAYS = 14;
const JOURNAL_DAYS = 7;
/** New staff appear in WebFM this long before they start. */
export const HIRES_KNOWN_DAYS = 30;

export interface Night {
  /** The observation date in the file names. */
  readonly observed: Day;
  /** The initial load holds all history of the deltas and journals. */
  readonly initial: boolean;
}

/**
 * The rows of one source's file for a night, produced lazily. A night's files show the
 * state at the end of the day before the observation date: the export runs at night.
 */
export function* nightRows(model: OfficeModel, source: ExportSource, night: Night): Generator<ExportRow> {
  const day = night.observed - 1;
  const { seed } = model.settings;
  const { lastDay } = model;
  switch (source) {
    case 'webfm_faelle':
      for (const kase of model.cases) if (kase.begin <= day) yield caseRow(kase, day);
      return;
    case 'webfm_hilfen':
      for (const aid of model.aids) if (aid.begin <= day && !(aid.deletedOn !== null && aid.deletedOn <= day)) yield aidRow(aid, day);
      return;
    case 'webfm_mitarbeiter':
      for (const member of model.staff) if (member.joined <= day + HIRES_KNOWN_DAYS) yield staffRow(member, day);
      return;
    case 'webfm_teilprozesse':
      for (const kase of model.cases) {
        if (kase.begin > day || (!night.initial && lastStepChange(kase) <= day - DELTA_DAYS)) continue;
        for (const step of subProcessesOf(seed, kase, lastDay)) {
          if (step.started > day) continue;
          if (night.initial || changeDays(step).some((changed) => changed > day - DELTA_DAYS && changed <= day)) yield subProcessRow(step, day);
        }
      }
      return;
    case '14plus_chronik':
      for (const aid of model.aids) {
        if (aid.begin - MAX_LEAD_DAYS > day || (!night.initial && lastEntryDay(aid, lastDay) <= day - JOURNAL_DAYS)) continue;
        const kase = model.cases[aid.caseIndex]!;
        for (const entry of chronicleOf(seed, aid, kase, model.clerks, lastDay)) {
          if (entry.recordedOn > day) continue;
          if (night.initial || entry.recordedOn > day - JOURNAL_DAYS) yield chronicleRow(entry);
        }
      }
      return;
  }
}
