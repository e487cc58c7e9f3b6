import { sql } from 'kysely';
import type { DatabaseHandle } from '@jugendamt/db';
import { mustBeAllowedToRewrite } from './physical-removal.js';
import { rewrittenTables } from './redaction-run.js';
import { takeRedactorRole } from './redactor-role.js';
import { placesHolding, type PlaceHolding } from './places-holding.js';
import { countRedaction, type RedactionCounts, type RedactionTarget } from './redaction-counts.js';

/**
 * What a redaction would change, counted under the redaction role in a read-only transaction:
 * nothing can change, and a login that may not take the role, or may not rewrite the tables
 * after, learns it now, not at the real run.
 * Also where else the value is found, as the real run searches for it at its end.
 */
export async function dryRun(database: DatabaseHandle, target: RedactionTarget): Promise<{ counts: RedactionCounts; places: PlaceHolding[] }> {
  await mustBeAllowedToRewrite(database.db, rewrittenTables());
  const counts = await database.db.transaction().execute(async (trx) => {
    await sql`SET TRANSACTION READ ONLY`.execute(trx);
    await takeRedactorRole(trx);
    return countRedaction(trx, target);
  });
  return { counts, places: await placesHolding(database.db, target.value) };
}
