import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely's view of the tables in `migrations/`. Every table carries the tenant (one office).
 * The `events` table is not listed: it is the event store's (`@jugendamt/event-store`,
 * EventStoreDatabase), so that a query of it outside the event store's API does not compile.
 */
export interface Database {
  tenants: TenantsTable;
  imports: ImportsTable;
  projection_checkpoints: ProjectionCheckpointsTable;
  ingest_record_state: IngestRecordStateTable;
  import_findings: ImportFindingsTable;
  projection_generations: ProjectionGenerationsTable;
  catalogues: CataloguesTable;
  aid_versions: AidVersionsTable;
  case_versions: CaseVersionsTable;
  aid_area_versions: AidAreaVersionsTable;
  staff_versions: StaffVersionsTable;
  sub_process_versions: SubProcessVersionsTable;
  chronicle_entry_versions: ChronicleEntryVersionsTable;
  sub_process_count_changes: SubProcessCountChangesTable;
  sub_process_work_changes: SubProcessWorkChangesTable;
  chronicle_sum_changes: ChronicleSumChangesTable;
  chronicle_case_links: ChronicleCaseLinksTable;
  case_cost_changes: CaseCostChangesTable;
  population_versions: PopulationVersionsTable;
  api_tokens: ApiTokensTable;
  console_sessions: ConsoleSessionsTable;
  import_schedules: ImportSchedulesTable;
  import_decisions: ImportDecisionsTable;
  access_log: AccessLogTable;
  record_links: RecordLinksTable;
  record_lines: RecordLinesTable;
}

export interface TenantsTable {
  tenant_id: string;
  name: string;
  created_at: Generated<Date>;
}

export interface ImportsTable {
  tenant_id: string;
  import_id: string;
  source: string;
  file_name: string;
  content_sha256: string;
  observed_at: Date;
  status: string;
  rows_read: Generated<number>;
  events_appended: Generated<number>;
  rows_quarantined: Generated<number>;
  message: string | null;
  started_at: Generated<Date>;
  finished_at: Date | null;
  rows_skipped: Generated<number>;
  deletion_share: number | null;
}

export interface IngestRecordStateTable {
  tenant_id: string;
  source: string;
  record_id: string;
  stream_version: number;
  content_hash: string;
  state: unknown;
  deleted: Generated<boolean>;
  observed_at: Date;
}

export interface ImportFindingsTable {
  tenant_id: string;
  import_id: string;
  finding_no: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  line: number | null;
  field: string | null;
  column_name: string | null;
  message: string;
}

export interface ProjectionCheckpointsTable {
  tenant_id: string;
  projection: string;
  transaction_id: string;
  global_position: string;
  updated_at: Generated<Date>;
}

export interface ProjectionGenerationsTable {
  tenant_id: string;
  projection: string;
  generation: number;
  status: 'building' | 'active' | 'retired';
  catalogue_versions: unknown;
  created_at: Generated<Date>;
  activated_at: Date | null;
}

export interface CataloguesTable {
  tenant_id: string;
  name: string;
  version: number;
  content: unknown;
  created_at: Generated<Date>;
  /** `role:subject` of who stored it; null for versions stored before authors were kept. */
  created_by: string | null;
}

/** A fact as known from `known_from` until `known_to` (null: still current). Dates as ISO strings. */
export interface VersionedFact {
  tenant_id: string;
  generation: number;
  known_from: Date;
  known_to: Date | null;
}

export interface AidVersionsTable extends VersionedFact {
  aid_id: string;
  case_id: string;
  aid_type: string;
  paragraph: string | null;
  referenced_paragraph: string | null;
  setting: string | null;
  educational_aid: boolean;
  begin_on: string;
  end_on: string | null;
  reason_of_ending: string | null;
  residence_after: string | null;
  team: string;
}

export interface CaseVersionsTable extends VersionedFact {
  case_id: string;
  file_reference: string;
  social_area: string;
  team: string;
  begin_on: string;
  end_on: string | null;
}

/** An aid version split where its case's social area changed: what counting by social area reads. */
export interface AidAreaVersionsTable extends VersionedFact {
  aid_id: string;
  paragraph: string | null;
  setting: string | null;
  educational_aid: boolean;
  begin_on: string;
  end_on: string | null;
  team: string;
  /** The case's, as known then; null while the case is not known. */
  social_area: string | null;
}

/** Residents of one age band of a social area on a Stichtag (ISO date), as known over time. */
export interface PopulationVersionsTable extends VersionedFact {
  population_id: string;
  stichtag: string;
  social_area: string;
  age_from: number;
  age_to: number;
  residents: number;
}

export interface StaffVersionsTable extends VersionedFact {
  staff_id: string;
  team: string;
  team_since: string;
  role: string;
  fte: string;
  joined_on: string;
  left_on: string | null;
}

export interface SubProcessVersionsTable extends VersionedFact {
  sub_process_id: string;
  team: string;
  core_process: string;
  sub_process_code: string;
  status: string;
  begun_on: string;
  completed_on: string | null;
}

export interface ChronicleEntryVersionsTable extends VersionedFact {
  entry_no: string;
  file_reference: string;
  entry_date: string;
  unit: string;
  entry_type: string;
  aid_type: string | null;
  paragraph: string | null;
  setting: string | null;
  amount_cents: string | null;
  cancelling: boolean;
  cancels_entry_no: string | null;
  cancelled: boolean;
}

/** The content of a fact version: what a projection writes beside id and knowledge time. */
export type FactContent<Table extends VersionedFact, Id extends keyof Table> = Omit<Table, keyof VersionedFact | Id>;

/** Sub-processes in work (not cancelled) per team, month begun and month completed ('' while not), as changes in knowledge (migration 0022). */
export interface SubProcessWorkChangesTable {
  tenant_id: string;
  generation: number;
  team: string;
  until_month: string;
  month: string;
  known_from: Date;
  delta: number;
}

export interface SubProcessCountChangesTable {
  tenant_id: string;
  generation: number;
  team: string;
  core_process: string;
  sub_process_code: string;
  /** First day of the month of completion. */
  month: string;
  known_from: Date;
  delta: number;
}

/** Monthly sums of 14plus entries as changes in knowledge. Empty text stands for "none" in the key columns (aid type, paragraph, setting). */
interface EntrySumChanges {
  tenant_id: string;
  generation: number;
  entry_type: string;
  aid_type: string;
  paragraph: string;
  setting: string;
  month: string;
  known_from: Date;
  entries: number;
  cents: string;
  abs_cents: string;
}

export interface ChronicleSumChangesTable extends EntrySumChanges {
  unit: string;
}

/** A web console session; the id itself lives only in the browser's httpOnly cookie. */
export interface ConsoleSessionsTable {
  session_hash: string;
  tenant_id: string;
  role: 'admin' | 'controlling' | 'planning';
  subject: string;
  token_id: string | null;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
}

/** One request of a caller, append-only (migration 0014). */
export interface AccessLogTable {
  entry_id: Generated<string>;
  /** Null for a request refused before its caller was known. */
  tenant_id: string | null;
  at: Generated<Date>;
  role: string | null;
  subject: string | null;
  method: string;
  route: string;
  parameters: ColumnType<Record<string, unknown>, string, never>;
  format: string | null;
  status: number;
  outcome: 'answered' | 'refused' | 'failed';
  duration_ms: number;
}

export interface ApiTokensTable {
  tenant_id: string;
  token_id: string;
  /** SHA-256 of the token, hex; the token itself is shown once and never stored. */
  token_hash: string;
  role: 'admin' | 'controlling' | 'planning';
  label: string;
  created_at: Generated<Date>;
  revoked_at: Date | null;
}

export interface ImportSchedulesTable {
  tenant_id: string;
  /** The export source the schedule imports. */
  source: string;
  /** Cron expression (five fields, or six with seconds), read in `time_zone`. */
  cron: string;
  time_zone: string;
  paused: Generated<boolean>;
  updated_at: Generated<Date>;
}

export interface ImportDecisionsTable {
  tenant_id: string;
  import_id: string;
  decision: 'confirmed' | 'rejected';
  /** The token label or user who decided: the administrator answers for it. */
  decided_by: string;
  decided_at: Generated<Date>;
}

/** Which case carries which Aktenzeichen in which team, as the chronicle projection knows it. */
export interface ChronicleCaseLinksTable extends VersionedFact {
  case_id: string;
  file_reference: string;
  team: string;
  social_area: string;
}

/** Costs per team and social area of the linked case; empty text in both stands for "no case known". */
export interface CaseCostChangesTable extends EntrySumChanges {
  team: string;
  social_area: string;
}

/** Pseudonym → surrogate: the one link from a source id to a record's events (migration 0015). */
export interface RecordLinksTable {
  tenant_id: string;
  kind: string;
  pseudonym: string;
  surrogate: string;
}

/** Where a record stands in the newest export that held it (migration 0021): file by import, and line. */
export interface RecordLinesTable {
  tenant_id: string;
  source: string;
  record_id: string;
  import_id: string;
  line: number;
}
