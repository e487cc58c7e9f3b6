import {
  classifyAidChange,
  classifyCaseChange,
  classifyChronicleEntry,
  classifyPopulationChange,
  classifyStaffChange,
  classifySubProcessChange,
  type ExportSource,
  type RecordChange,
} from '@jugendamt/domain';

/** What differs between the six export kinds, as far as the import is concerned. */
export interface SourceHandler {
  /** Prefix of the stream ids: one stream per record (`aid-<pseudonym>`). */
  readonly streamPrefix: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each export kind's handler takes its own record type
  readonly classify: (id: string, before: any, after: any) => RecordChange<unknown> | null;
}

export const SOURCE_HANDLERS: Readonly<Record<ExportSource, SourceHandler>> = {
  webfm_faelle: { streamPrefix: 'case', classify: classifyCaseChange },
  webfm_hilfen: { streamPrefix: 'aid', classify: classifyAidChange },
  webfm_teilprozesse: { streamPrefix: 'subprocess', classify: classifySubProcessChange },
  webfm_mitarbeiter: { streamPrefix: 'staff', classify: classifyStaffChange },
  '14plus_chronik': { streamPrefix: 'chronicle-entry', classify: classifyChronicleEntry },
  // A band's stream: `population-2025-12-31|0-2|SR 01 Altstadt` (populationRecordId).
  einwohner: { streamPrefix: 'population', classify: classifyPopulationChange },
};

export function streamIdOf(source: ExportSource, recordId: string): string {
  return `${SOURCE_HANDLERS[source].streamPrefix}-${recordId}`;
}

/** Identifier fields → the id space their pseudonyms live in (a case worker and a clerk are both staff). */
export const PSEUDONYM_KINDS: Readonly<Record<string, string>> = {
  caseId: 'case',
  fileReference: 'file-reference',
  aidId: 'aid',
  subProcessId: 'sub-process',
  staffId: 'staff',
  caseWorkerId: 'staff',
  clerkId: 'staff',
};
