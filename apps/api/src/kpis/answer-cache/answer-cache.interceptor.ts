import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { berlinDayOf } from '@jugendamt/domain';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../../access/access.guard.js';
import { KnowledgeStampReader } from './knowledge-stamp.js';

interface CachedRequest extends AuthenticatedRequest {
  readonly originalUrl: string;
}

interface Reply {
  setHeader(name: string, value: string): void;
}

/** Room for the answers of a busy day; a cached answer is kept as the JSON text it is sent as. */
const CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Serves a KPI answer again while nothing it rests on has changed. The data change once a
 * night, the questions repeat all day (dashboards, the same report pulled by several
 * planners), and a KPI query over a large city's history costs tens of milliseconds: so
 * each request reads only the knowledge stamp, one small query, and computes the answer only
 * when the stamp is new. Requests for one answer that arrive while it is computed wait for
 * that one computation. `Cache-Control: no-cache` computes afresh.
 */
@Injectable()
export class AnswerCacheInterceptor implements NestInterceptor {
  private readonly answers = new LRUCache<string, string, () => Promise<unknown>>({
    maxSize: CACHE_BYTES,
    sizeCalculation: (json, key) => json.length + key.length,
    fetchMethod: async (_key, _stale, { context }) => JSON.stringify(await context()),
  });

  constructor(private readonly stamps: KnowledgeStampReader) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<CachedRequest>();
    const principal = request.principal;
    if (!principal || /no-cache|no-store/.test(String(request.headers['cache-control'] ?? ''))) return next.handle();
    return from(this.answer(principal.tenantId, principal.role, request.originalUrl, http.getResponse<Reply>(), () => lastValueFrom(next.handle())));
  }

  private async answer(tenantId: string, role: string, url: string, response: Reply, compute: () => Promise<unknown>): Promise<string> {
    const stamp = await this.stamps.stamp(tenantId);
    // Today's date too: a period left open ends today.
    const key = `${tenantId}\n${role}\n${url}\n${stamp}\n${berlinDayOf(new Date())}`;
    const json = await this.answers.fetch(key, { context: compute });
    response.setHeader('content-type', 'application/json; charset=utf-8');
    return json!;
  }
}
