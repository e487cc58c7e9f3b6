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
  /** Per office: the read under way, and the one that starts when it ends. */
  private readonly reads = new Map<string, { running?: Promise<string>; next?: Promise<string> }>();

  constructor(@Inject(DATABASE) private readonly database: DatabaseHandle) {}

  /**
   * The stamp as it stands after the call: read by a query that starts after it. Callers
   * that arrive while a read is under way share the next one, so fifty requests at once make
   * two queries, not fifty, and none is answered from a read begun before it arrived.
   */
  stamp(tenantId: string): Promise<string> {
    const reads = this.reads.get(tenantId) ?? {};
    this.reads.set(tenantId, reads);
    if (reads.next) return reads.next;
    const start = () => {
      reads.next = undefined;
      const running = this.read(tenantId).finally(() => {
        if (reads.running === running) reads.running = undefined;
      });
      reads.running = running;
      return running;
    };
    if (!reads.running) return start();
    reads.next = reads.running.then(start, start);
    return reads.next;
  }

  protected async read(tenantId: string): Promise<string> {
    const { rows } = await sql<{ stamp: string }>`
      SELECT concat_ws('|',
        (SELECT string_agg(g.projection || '@' || g.generation || ':' || coalesce(c.transaction_id::text || '/' || c.global_position, '-'), ',' ORDER BY g.projection)
           FROM projection_generations g
           LEFT JOIN projection_checkpoints c ON c.tenant_id = g.tenant_id AND c.projection = g.projection || '@' || g.generation
          WHERE g.tenant_id = ${tenantId} AND g.status = 'active'),
        (SELECT count(*) FROM catalogues WHERE tenant_id = ${tenantId}),
        (SELECT count(*) || '/' || coalesce(max(observed_at)::text, '-') FROM imports WHERE tenant_id = ${tenantId} AND status = 'applied')
      ) AS stamp`.execute(this.database.app);
    return rows[0]!.stamp;
  }
}
