import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** One deployment serves one office until an operator adds tenants. */
export const DEFAULT_TENANT_ID = 'default';

export async function ensureTenant(db: Kysely<Database>, tenantId: string, name: string): Promise<void> {
  await db.insertInto('tenants').values({ tenant_id: tenantId, name }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
}
