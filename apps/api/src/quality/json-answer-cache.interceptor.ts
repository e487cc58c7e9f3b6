import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { AnswerCacheInterceptor } from '../kpis/answer-cache/answer-cache.interceptor.js';

/**
 * The KPI answers' cache for the quality routes' JSON: the monthly picture is asked again and
 * again between two nights. A CSV sheet is a file, not a JSON answer, and is written afresh.
 */
@Injectable()
export class JsonAnswerCacheInterceptor implements NestInterceptor {
  constructor(private readonly cache: AnswerCacheInterceptor) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ query?: Record<string, unknown> }>();
    return request.query?.['format'] === 'csv' ? next.handle() : this.cache.intercept(context, next);
  }
}
