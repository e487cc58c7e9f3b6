import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** One deployment serves one office until an operator adds tenants. */
export const DEFAULT_TENANT_ID = 'default';

export async function ensureTenant(db: Kysely<Database>, tenantId: string, name: string): Promise<void> {
  await db
    .insertInto('tenants')
    .values({ tenant_id: tenantId, name })
    .onConflict((oc) => oc.column('tenant_id').doNothing())
    .execute();
}

/** Every office of the deployment, for work that serves them all (catch-up, health, metrics). */
export async function tenantIds(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom('tenants').select('tenant_id').orderBy('tenant_id').execute()).map((row) => row.tenant_id);
}
