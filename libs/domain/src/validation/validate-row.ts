import type { ExportSource, SourceProfile } from '../exports/profile.js';
import { DEFAULT_CODE_LISTS, type CodeLists } from '../parsing/code-lists.js';
import {
  populationRecordId,
  type AidRecord,
  type CaseRecord,
  type ChronicleEntryRecord,
  type PopulationRow,
  type RecordsBySource,
  type StaffRecord,
  type SubProcessRecord,
} from '../records/records.js';
import { FieldReader } from './field-reader.js';
import type { RowValidation } from './row-issue.js';

export interface ValidationContext {
  /** Observation date of the file, ISO. */
  readonly observedOn: string;
  readonly profile: SourceProfile;
  /** The office's code lists (default: docs/exports.md's). */
  readonly codeLists?: CodeLists;
}

type Validator<R> = (f: FieldReader, codes: CodeLists) => R;

const validators: { readonly [S in ExportSource]: Validator<RecordsBySource[S]> } = {
  webfm_faelle: (f, codes): CaseRecord => {
    const caseBegin = f.date('caseBegin');
    const caseEnd = f.date('caseEnd');
    if (caseBegin && caseEnd && caseEnd < caseBegin) f.problem('caseEnd', 'end-before-begin', `${f.header('caseEnd')} lies before ${f.header('caseBegin')}`);
    const birthYear = f.text('birthDate');
    return {
      caseId: f.required('caseId'),
      fileReference: f.required('fileReference'),
      birthYear: birthYear ? Number(birthYear) : null,
      gender: f.code('gender', codes.gender),
      socialArea: f.required('socialArea'),
      team: f.required('team'),
      caseWorkerId: f.text('caseWorkerId'),
      caseBegin: caseBegin ?? '',
      caseEnd,
      changedAt: f.timestamp('changedAt') ?? '',
    };
  },
  webfm_hilfen: (f, codes): AidRecord => {
    const begin = f.date('begin');
    const end = f.date('end');
    if (begin && end && end < begin) f.problem('end', 'end-before-begin', `${f.header('end')} lies before ${f.header('begin')}`);
    const reasonOfEnding = f.code('reasonOfEnding', codes.reasonOfEnding);
    if (end && !reasonOfEnding) f.note('reasonOfEnding', 'missing-reason-of-ending', `aid ended without ${f.header('reasonOfEnding')}`);
    return {
      aidId: f.required('aidId'),
      caseId: f.required('caseId'),
      aidType: f.required('aidType'),
      paragraph: f.required('paragraph'),
      begin: begin ?? '',
      end,
      reasonOfEnding,
      residenceAfter: f.code('residenceAfter', codes.residenceAfterAid),
      team: f.required('team'),
      caseWorkerId: f.text('caseWorkerId'),
      changedAt: f.timestamp('changedAt') ?? '',
    };
  },
  webfm_teilprozesse: (f, codes): SubProcessRecord => {
    const startedAt = f.timestamp('startedAt');
    const completedAt = f.timestamp('completedAt');
    if (startedAt && completedAt && completedAt < startedAt) {
      f.problem('completedAt', 'end-before-begin', `${f.header('completedAt')} lies before ${f.header('startedAt')}`);
    }
    const status = f.code('status', codes.subProcessStatus, true) as SubProcessRecord['status'];
    if (status === 'abgeschlossen' && !completedAt) f.problem('completedAt', 'missing-value', `status abgeschlossen without ${f.header('completedAt')}`);
    return {
      subProcessId: f.required('subProcessId'),
      caseId: f.required('caseId'),
      coreProcess: f.required('coreProcess'),
      subProcess: f.required('subProcess'),
      team: f.required('team'),
      caseWorkerId: f.text('caseWorkerId'),
      startedAt: startedAt ?? '',
      completedAt,
      status,
    };
  },
  webfm_mitarbeiter: (f, codes): StaffRecord => {
    const joined = f.date('joined');
    const left = f.date('left');
    if (joined && left && left < joined) f.problem('left', 'end-before-begin', `${f.header('left')} lies before ${f.header('joined')}`);
    const fte = f.decimal('fte');
    if (fte !== null && (fte <= 0 || fte > 1)) f.problem('fte', 'bad-value', `${f.header('fte')} must lie between 0 and 1`);
    return {
      staffId: f.required('staffId'),
      team: f.required('team'),
      teamSince: f.date('teamSince') ?? '',
      role: f.code('role', codes.staffRole) ?? '',
      fte: fte ?? 0,
      joined: joined ?? '',
      left,
      changedAt: f.timestamp('changedAt') ?? '',
    };
  },
  '14plus_chronik': (f, codes): ChronicleEntryRecord => {
    const cancelling = f.code('cancels', codes.cancellationFlag, true) === 'J';
    const cancelledEntryNo = f.integer('cancelledEntryNo');
    if (cancelling && cancelledEntryNo === null) f.problem('cancelledEntryNo', 'missing-value', `a cancelling entry must name the cancelled one in ${f.header('cancelledEntryNo')}`);
    const periodFrom = f.date('periodFrom');
    const periodTo = f.date('periodTo');
    if (periodFrom && periodTo && periodTo < periodFrom) f.problem('periodTo', 'end-before-begin', `${f.header('periodTo')} lies before ${f.header('periodFrom')}`);
    return {
      entryNo: f.integer('entryNo') ?? 0,
      fileReference: f.required('fileReference'),
      date: f.date('date') ?? '',
      recordedAt: f.timestamp('recordedAt') ?? '',
      unit: f.required('unit'),
      clerkId: f.required('clerkId'),
      entryType: f.code('entryType', codes.entryType) ?? '',
      aidType: f.text('aidType'),
      amountCents: f.cents('amount'),
      periodFrom,
      periodTo,
      cancelling,
      cancelledEntryNo,
    };
  },
  einwohner: (f, codes): PopulationRow => {
    const { stichtag, socialArea, ageFrom, ageTo } = populationBand(f);
    const residents = f.integer('residents');
    if (residents !== null && residents < 0) f.problem('residents', 'bad-value', `${f.header('residents')} must not be negative`);
    // The gender decides which rows are summed, so a value outside the list quarantines the row.
    const gender = f.code('gender', codes.populationGender, true);
    return { stichtag: stichtag ?? '', socialArea: socialArea ?? '', ageFrom: ageFrom ?? 0, ageTo: ageTo ?? 0, residents: residents ?? 0, gender };
  },
};

/** Oldest age a band may name: beyond it a number is no age (a count in the wrong column). */
const MAX_AGE = 120;

/** The key fields of a population row, each checked on its own. */
function populationBand(f: FieldReader): { stichtag: string | null; socialArea: string | null; ageFrom: number | null; ageTo: number | null } {
  const stichtag = f.date('stichtag');
  const socialArea = f.text('socialArea');
  const ageFrom = f.integer('ageFrom');
  const ageTo = f.integer('ageTo');
  for (const [field, age] of [
    ['ageFrom', ageFrom],
    ['ageTo', ageTo],
  ] as const) {
    if (age !== null && (age < 0 || age > MAX_AGE)) f.problem(field, 'bad-value', `${f.header(field)} must lie between 0 and ${MAX_AGE}`);
  }
  if (ageFrom !== null && ageTo !== null && ageTo < ageFrom) f.problem('ageTo', 'end-before-begin', `${f.header('ageTo')} lies below ${f.header('ageFrom')}`);
  return { stichtag, socialArea, ageFrom, ageTo };
}

/**
 * The band a population row counts (its record id), when the row's Stichtag, social area and
 * ages can be read, whatever else is wrong with it: a bad row leaves its band as it was.
 */
export function populationBandId(values: Readonly<Record<string, string | null>>, context: ValidationContext): string | undefined {
  const reader = new FieldReader(values, context.profile, context.observedOn);
  const band = populationBand(reader);
  if (reader.problems.length || band.stichtag === null || band.socialArea === null || band.ageFrom === null || band.ageTo === null) return undefined;
  return populationRecordId({ stichtag: band.stichtag, socialArea: band.socialArea, ageFrom: band.ageFrom, ageTo: band.ageTo });
}

/** Turns the reader's raw strings into a record of the domain, or the reasons to quarantine the row. */
export function validateRow<S extends ExportSource>(source: S, values: Readonly<Record<string, string | null>>, context: ValidationContext): RowValidation<RecordsBySource[S]> {
  const reader = new FieldReader(values, context.profile, context.observedOn);
  const record = (validators[source] as Validator<RecordsBySource[S]>)(reader, context.codeLists ?? DEFAULT_CODE_LISTS);
  const { problems, notes } = reader.issues();
  return { record: problems.length ? null : record, problems, notes };
}
