import type { ColumnType, Generated } from 'kysely';

/** Kysely's view of the tables in `migrations/`. Every table carries the tenant (one office). */
export interface Database {
  tenants: TenantsTable;
  events: EventsTable;
  imports: ImportsTable;
  projection_checkpoints: ProjectionCheckpointsTable;
  ingest_record_state: IngestRecordStateTable;
  import_findings: ImportFindingsTable;
}

export interface TenantsTable {
  tenant_id: string;
  name: string;
  created_at: Generated<Date>;
}

/** bigint and xid8 columns come back as strings: JavaScript numbers would lose precision. */
export interface EventsTable {
  global_position: ColumnType<string, never, never>;
  transaction_id: ColumnType<string, never, never>;
  tenant_id: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  occurred_on: string | null;
  observed_at: Date;
  import_id: string | null;
  idempotency_key: string;
  payload: unknown;
  recorded_at: ColumnType<Date, never, never>;
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
