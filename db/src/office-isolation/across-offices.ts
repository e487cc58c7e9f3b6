import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';
import { tenantIds } from '../tenant.js';
import { inOffice } from './office-scope.js';

/**
 * Work that serves every office (health, metrics, catch-up) does each office in its own
 * scope, one after the other, and gets their results in one list. The list of offices is
 * the one table the application reads without an office (migration 0017).
 */
export async function acrossOffices<T>(db: Kysely<Database>, work: (tenantId: string) => Promise<T[]>): Promise<T[]> {
  const results: T[] = [];
  for (const tenantId of await tenantIds(db)) results.push(...(await inOffice(tenantId, () => work(tenantId))));
  return results;
}
