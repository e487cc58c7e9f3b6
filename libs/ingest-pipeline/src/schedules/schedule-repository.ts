import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { ExportSource } from '@jugendamt/domain';
import type { ImportSchedule } from './import-schedule.js';

export async function listSchedules(db: Kysely<Database>, tenantId: string): Promise<ImportSchedule[]> {
  const rows = await db.selectFrom('import_schedules').select(['source', 'cron', 'time_zone', 'paused']).where('tenant_id', '=', tenantId).orderBy('source').execute();
  return rows.map((r) => ({ source: r.source as ExportSource, cron: r.cron, timeZone: r.time_zone, paused: r.paused }));
}

export async function saveSchedule(db: Kysely<Database>, tenantId: string, schedule: ImportSchedule): Promise<void> {
  const values = { cron: schedule.cron, time_zone: schedule.timeZone, paused: schedule.paused, updated_at: new Date() };
  await db
    .insertInto('import_schedules')
    .values({ tenant_id: tenantId, source: schedule.source, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'source']).doUpdateSet(values))
    .execute();
}

/** True when there was a schedule to delete. */
export async function deleteSchedule(db: Kysely<Database>, tenantId: string, source: string): Promise<boolean> {
  const result = await db.deleteFrom('import_schedules').where('tenant_id', '=', tenantId).where('source', '=', source).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
