/**
 * Validated export rows, as the domain sees them: identifiers are pseudonyms, dates are
 * ISO strings (`YYYY-MM-DD`, timestamps `YYYY-MM-DDTHH:MM:SS` in office-local time), amounts
 * are integer cents. No names, birth dates or free text: they never get this far.
 */
export interface CaseRecord {
  readonly caseId: string;
  readonly fileReference: string;
  readonly birthYear: number | null;
  readonly gender: string | null;
  readonly socialArea: string;
  readonly team: string;
  readonly caseWorkerId: string | null;
  readonly caseBegin: string;
  readonly caseEnd: string | null;
  readonly changedAt: string;
}

export interface AidRecord {
  readonly aidId: string;
  readonly caseId: string;
  readonly aidType: string;
  readonly paragraph: string;
  readonly begin: string;
  readonly end: string | null;
  readonly reasonOfEnding: string | null;
  readonly residenceAfter: string | null;
  readonly team: string;
  readonly caseWorkerId: string | null;
  readonly changedAt: string;
}

export interface SubProcessRecord {
  readonly subProcessId: string;
  readonly caseId: string;
  readonly coreProcess: string;
  readonly subProcess: string;
  readonly team: string;
  readonly caseWorkerId: string | null;
  readonly startedAt: string;
  readonly completedAt: string | null;
  readonly status: 'offen' | 'abgeschlossen' | 'storniert';
}

export interface StaffRecord {
  readonly staffId: string;
  readonly team: string;
  readonly teamSince: string;
  readonly role: string;
  readonly fte: number;
  readonly joined: string;
  readonly left: string | null;
  readonly changedAt: string;
}

export interface ChronicleEntryRecord {
  readonly entryNo: number;
  readonly fileReference: string;
  readonly date: string;
  readonly recordedAt: string;
  readonly unit: string;
  readonly clerkId: string;
  readonly entryType: string;
  readonly aidType: string | null;
  readonly amountCents: number | null;
  readonly periodFrom: string | null;
  readonly periodTo: string | null;
  readonly cancelling: boolean;
  readonly cancelledEntryNo: number | null;
}

/**
 * Residents of one age band in one social area on a Stichtag (docs/exports.md, einwohner):
 * an aggregate, no person. Counts of several `Geschlecht` rows of the same band are summed
 * into one record. Record id: populationRecordId.
 */
export interface PopulationRecord {
  /** The reference date of the count, ISO (`2025-12-31`). */
  readonly stichtag: string;
  readonly socialArea: string;
  /** First and last year of age of the band, both inclusive. */
  readonly ageFrom: number;
  readonly ageTo: number;
  readonly residents: number;
}

/** One record per (Stichtag, social area, band): a later file replaces the Stichtage it holds. */
export function populationRecordId(record: Pick<PopulationRecord, 'stichtag' | 'socialArea' | 'ageFrom' | 'ageTo'>): string {
  return `${record.stichtag}|${record.ageFrom}-${record.ageTo}|${record.socialArea}`;
}

/**
 * One row of an einwohner file: a band's count, for one `Geschlecht` or for all. The import
 * sums the rows of a band into its PopulationRecord; the gender is not kept.
 */
export interface PopulationRow extends PopulationRecord {
  readonly gender: string | null;
}

export interface RecordsBySource {
  readonly webfm_faelle: CaseRecord;
  readonly webfm_hilfen: AidRecord;
  readonly webfm_teilprozesse: SubProcessRecord;
  readonly webfm_mitarbeiter: StaffRecord;
  readonly '14plus_chronik': ChronicleEntryRecord;
  readonly einwohner: PopulationRow;
}
