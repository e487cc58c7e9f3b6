import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { LRUCache } from 'lru-cache';
import { berlinDayOf } from '@jugendamt/domain';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../../access/access.guard.js';
import { KnowledgeStampReader } from './knowledge-stamp.js';

const gzipped = promisify(gzip);

interface CachedRequest extends AuthenticatedRequest {
  readonly originalUrl: string;
}

/** An answer as it is sent: its JSON bytes, and for a large one the same gzipped. */
interface CachedAnswer {
  readonly json: Buffer;
  readonly gzip: Buffer | null;
}

/** Room for the answers of a busy day. */
const CACHE_BYTES = 64 * 1024 * 1024;
/** Smaller answers are sent as they are: compressing them saves less than it costs. */
const GZIP_FROM_BYTES = 1024;

/**
 * Serves a KPI answer again while nothing it rests on has changed. The data change once a
 * night, the questions repeat all day (dashboards, the same report pulled by several
 * planners), and a KPI query over a large city's history costs tens of milliseconds: so
 * each request reads only the knowledge stamp, one small query, and computes the answer only
 * when the stamp is new. Requests for one answer that arrive while it is computed wait for
 * that one computation. `Cache-Control: no-cache` computes afresh.
 *
 * A large answer (every team × sub-process × month is 170 kB at scale 50) is compressed once
 * when it is computed, not per request, for the clients that accept gzip (browsers, Excel's
 * Power Query, curl --compressed).
 */
@Injectable()
export class AnswerCacheInterceptor implements NestInterceptor {
  private readonly answers = new LRUCache<string, CachedAnswer, () => Promise<unknown>>({
    maxSize: CACHE_BYTES,
    sizeCalculation: (answer, key) => answer.json.length + (answer.gzip?.length ?? 0) + key.length,
    fetchMethod: async (_key, _stale, { context }) => {
      const json = Buffer.from(JSON.stringify(await context()));
      return { json, gzip: json.length >= GZIP_FROM_BYTES ? await gzipped(json) : null };
    },
  });

  constructor(private readonly stamps: KnowledgeStampReader) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<CachedRequest>();
    const principal = request.principal;
    if (!principal || /no-cache|no-store/.test(String(request.headers['cache-control'] ?? ''))) return next.handle();
    const acceptsGzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    return from(this.answer(principal.tenantId, principal.role, request.originalUrl, acceptsGzip, http.getResponse<FastifyReply>(), () => lastValueFrom(next.handle())));
  }

  private async answer(tenantId: string, role: string, url: string, acceptsGzip: boolean, reply: FastifyReply, compute: () => Promise<unknown>): Promise<Buffer> {
    const stamp = await this.stamps.stamp(tenantId);
    // Today's date too: a period left open ends today.
    const key = `${tenantId}\n${role}\n${url}\n${stamp}\n${berlinDayOf(new Date())}`;
    const answer = (await this.answers.fetch(key, { context: compute }))!;
    reply.header('content-type', 'application/json; charset=utf-8');
    if (!answer.gzip) return answer.json;
    reply.header('vary', 'accept-encoding');
    if (!acceptsGzip) return answer.json;
    reply.header('content-encoding', 'gzip');
    return answer.gzip;
  }
}
