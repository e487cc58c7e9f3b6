import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { AuthenticatedRequest } from '../access/access.guard.js';

/**
 * One JSON line per request: method, path, status, time, role and token id. No body and no
 * header: the API carries no personal data, and tokens stay out of the logs.
 */
export function requestLogging(env: NodeJS.ProcessEnv): HttpLogger<IncomingMessage, ServerResponse> {
  return pinoHttp({
    level: env['LOG_LEVEL'] ?? 'info',
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customProps: (req) => {
      const principal = (req as unknown as AuthenticatedRequest).principal;
      return principal ? { role: principal.role, subject: principal.subject, tenant: principal.tenantId } : {};
    },
  });
}
