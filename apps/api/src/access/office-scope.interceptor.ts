import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { inOffice } from '@jugendamt/db';
import type { AuthenticatedRequest } from './access.guard.js';

/**
 * Runs the handler in the office of its authenticated caller (the AccessGuard has run by
 * now): every query it makes sees that office's rows and no other's, whether or not the
 * query says so. A public route runs without an office and sees no office's rows.
 */
@Injectable()
export class OfficeScopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const tenantId = context.switchToHttp().getRequest<AuthenticatedRequest>().principal?.tenantId;
    if (!tenantId) return next.handle();
    return new Observable((subscriber) => {
      let subscription: { unsubscribe(): void } | undefined;
      void inOffice(tenantId, async () => {
        subscription = next.handle().subscribe(subscriber);
      });
      return () => subscription?.unsubscribe();
    });
  }
}
