import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { DatabaseHandle } from '@jugendamt/db';
import { DATABASE } from '../../database/database.module.js';

/**
 * A fingerprint of everything a KPI answer rests on: each serving projection generation and
 * how far it has read the log, the stored catalogue versions, the applied imports. It changes
 * with every import, catch-up, rebuild or catalogue edit, in whatever process they ran, and
 * with nothing else: an answer computed under the same stamp is the same answer.
 */
@Injectable()
export class KnowledgeStampReader {
  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  async stamp(tenantId: string): Promise<string> {
    const { rows } = await sql<{ stamp: string }>`
      SELECT concat_ws('|',
        (SELECT string_agg(g.projection || '@' || g.generation || ':' || coalesce(c.transaction_id::text || '/' || c.global_position, '-'), ',' ORDER BY g.projection)
           FROM projection_generations g
           LEFT JOIN projection_checkpoints c ON c.tenant_id = g.tenant_id AND c.projection = g.projection || '@' || g.generation
          WHERE g.tenant_id = ${tenantId} AND g.status = 'active'),
        (SELECT count(*) FROM catalogues WHERE tenant_id = ${tenantId}),
        (SELECT count(*) || '/' || coalesce(max(observed_at)::text, '-') FROM imports WHERE tenant_id = ${tenantId} AND status = 'applied')
      ) AS stamp`.execute(this.database.db);
    return rows[0]!.stamp;
  }
}
