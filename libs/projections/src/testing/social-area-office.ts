import { sql } from 'kysely';
import { DEFAULT_TENANT_ID, type DatabaseBackend } from '@jugendamt/db';
import type { TestDatabase } from '@jugendamt/db/testing';
import type { CaseRecord, ChronicleEntryRecord, CaseWorkEventType } from '@jugendamt/domain';
import { aidHistory } from '../facts/aid-history.js';
import { chronicleHistory } from '../facts/chronicle-history.js';
import { projectedHistory, type AppendEvent } from './projected-history.js';

/**
 * The nights of the small office of the social-area tests. NIGHT_0 is 23:30 on 31.01. in
 * Berlin, NIGHT_1 02:30 on 01.02.: only the second completes January.
 */
export const NIGHT_0 = new Date('2025-01-31T22:30:00Z');
export const NIGHT_1 = new Date('2025-02-01T01:30:00Z');
export const NIGHT_2 = new Date('2025-07-15T01:30:00Z');
export const NIGHT_3 = new Date('2026-01-05T01:30:00Z');
/** Between NIGHT_1 and NIGHT_2: a WebFM export and a rejected 14plus export, neither of which completes a month. */
export const MARCH_5 = new Date('2025-03-05T01:30:00Z');

function entry(entryNo: number, fileReference: string, date: string, entryType: string, amountCents: number): ChronicleEntryRecord {
  return {
    entryNo,
    fileReference,
    date,
    recordedAt: `${date}T10:00:00`,
    unit: 'WJH Hilfen',
    clerkId: 'clerk',
    entryType,
    aidType: 'Heimerziehung § 34',
    amountCents,
    periodFrom: null,
    periodTo: null,
    cancelling: false,
    cancelledEntryNo: null,
  };
}

function kase(caseId: string, fileReference: string, socialArea: string, team: string): CaseRecord {
  return { caseId, fileReference, birthYear: 2012, gender: 'w', socialArea, team, caseWorkerId: null, caseBegin: '2024-01-01', caseEnd: null, changedAt: '2024-01-01T09:00:00' };
}

/**
 * Case C1 (Aktenzeichen R1) lies in SR 01 Altstadt until NIGHT_2, then in SR 02 Neustadt (team
 * unchanged); C2 (R2) in SR 02 Neustadt throughout; R9 links to no case.
 *
 * | entry | Aktenzeichen | Datum      | type          | €        | observed |
 * |-------|--------------|------------|---------------|----------|----------|
 * | E1    | R1           | 15.01.2025 | ZAHLUNG       | 1,000.00 | NIGHT_0  |
 * | E2    | R1           | 20.01.2025 | KOSTENBEITRAG | −100.00  | NIGHT_0  |
 * | E9    | R2           | 20.12.2024 | ZAHLUNG       | 999.00   | NIGHT_0  |
 * | E4    | R2           | 31.01.2025 | ZAHLUNG       | 500.00   | NIGHT_1  |
 * | E3    | R1           | 10.03.2025 | ZAHLUNG       | 600.00   | NIGHT_2  |
 * | E5    | R2           | 30.06.2025 | ZAHLUNG       | 300.00   | NIGHT_2  |
 * | E7    | R9           | 10.02.2025 | ZAHLUNG       | 150.00   | NIGHT_2  |
 * | E6    | R2           | 15.12.2025 | ZAHLUNG       | 200.00   | NIGHT_3  |
 * | E8    | R9           | 05.11.2025 | ERSTATTUNG    | −50.00   | NIGHT_3  |
 */
async function givenTheOffice(appendEvent: AppendEvent): Promise<void> {
  const append = (at: Date, type: CaseWorkEventType, stream: string, state: unknown) => appendEvent(at, type, stream, { state });
  const recorded = (at: Date, e: ChronicleEntryRecord) => append(at, 'ChronicleEntryRecorded', `chronicle-entry-${e.entryNo}`, e);
  const c1 = kase('C1', 'R1', 'SR 01 Altstadt', 'ASD Nord');

  await append(NIGHT_0, 'CaseOpened', 'case-C1', c1);
  await append(NIGHT_0, 'CaseOpened', 'case-C2', kase('C2', 'R2', 'SR 02 Neustadt', 'ASD Süd'));
  await recorded(NIGHT_0, entry(1, 'R1', '2025-01-15', 'ZAHLUNG', 100_000));
  await recorded(NIGHT_0, entry(2, 'R1', '2025-01-20', 'KOSTENBEITRAG', -10_000));
  await recorded(NIGHT_0, entry(9, 'R2', '2024-12-20', 'ZAHLUNG', 99_900));

  await recorded(NIGHT_1, entry(4, 'R2', '2025-01-31', 'ZAHLUNG', 50_000));

  await append(NIGHT_2, 'CaseCorrected', 'case-C1', { ...c1, socialArea: 'SR 02 Neustadt', changedAt: '2025-07-14T09:00:00' });
  await recorded(NIGHT_2, entry(3, 'R1', '2025-03-10', 'ZAHLUNG', 60_000));
  await recorded(NIGHT_2, entry(5, 'R2', '2025-06-30', 'ZAHLUNG', 30_000));
  await recorded(NIGHT_2, entry(7, 'R9', '2025-02-10', 'ZAHLUNG', 15_000));

  await recorded(NIGHT_3, entry(6, 'R2', '2025-12-15', 'ZAHLUNG', 20_000));
  await recorded(NIGHT_3, entry(8, 'R9', '2025-11-05', 'ERSTATTUNG', -5_000));
}

/** The imports the office's events came from: what the complete months are read from. */
async function givenTheImports(database: TestDatabase): Promise<void> {
  const imports: [string, Date, string][] = [
    ['14plus_chronik', NIGHT_0, 'applied'],
    ['14plus_chronik', NIGHT_1, 'applied'],
    ['webfm_faelle', MARCH_5, 'applied'],
    ['14plus_chronik', MARCH_5, 'rejected'],
    ['14plus_chronik', NIGHT_2, 'applied'],
    ['14plus_chronik', NIGHT_3, 'applied'],
  ];
  for (const [n, [source, at, status]] of imports.entries()) {
    await sql`
      INSERT INTO imports (tenant_id, import_id, source, file_name, content_sha256, observed_at, status)
      VALUES (${DEFAULT_TENANT_ID}, ${crypto.randomUUID()}, ${source}, ${`${source}_${n}.csv`}, ${`sha-${n}`}, ${at.toISOString()}::timestamptz, ${status})`.execute(database.db);
  }
}

/** A test database with the small office above, its projections caught up and its imports recorded. */
export async function socialAreaOffice(backend: DatabaseBackend): Promise<TestDatabase> {
  const database = await projectedHistory(backend, givenTheOffice, [aidHistory, chronicleHistory]);
  await givenTheImports(database);
  return database;
}
