import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';

export interface AccessLogFilter {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly role?: string | undefined;
  readonly subject?: string | undefined;
  readonly route?: string | undefined;
  readonly parameter?: readonly [string, string] | undefined;
  readonly limit: number;
}

export interface AccessLogView {
  readonly at: string;
  readonly role: string | null;
  readonly subject: string | null;
  readonly method: string;
  readonly route: string;
  readonly parameters: Record<string, unknown>;
  readonly format: string | null;
  readonly status: number;
  readonly outcome: 'answered' | 'refused' | 'failed';
  readonly durationMs: number;
}

/** The office's access log, oldest first within the window asked, so it reads as a protocol. */
export async function accessLogEntries(db: Kysely<Database>, tenantId: string, filter: AccessLogFilter): Promise<AccessLogView[]> {
  let query = db.selectFrom('access_log').where('tenant_id', '=', tenantId);
  if (filter.from) query = query.where('at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('at', '<', new Date(filter.to));
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.subject) query = query.where('subject', '=', filter.subject);
  if (filter.route) query = query.where('route', 'like', `%${filter.route.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filter.parameter) query = query.where(sql<string>`parameters ->> ${filter.parameter[0]}`, '=', filter.parameter[1]);
  const rows = await query.selectAll().orderBy('entry_id').limit(filter.limit).execute();
  return rows.map((row) => ({
    at: row.at.toISOString(),
    role: row.role,
    subject: row.subject,
    method: row.method,
    route: row.route,
    parameters: row.parameters,
    format: row.format,
    status: row.status,
    outcome: row.outcome,
    durationMs: row.duration_ms,
  }));
}
