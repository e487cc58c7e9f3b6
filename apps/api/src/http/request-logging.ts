import type { Params } from 'nestjs-pino';
import type { AuthenticatedRequest } from '../access/access.guard.js';

/**
 * One JSON line per request: method, path, status, time, role and token id. No body, no
 * header but the request id: the API carries no personal data, and tokens stay out of logs.
 */
export function requestLogging(env: NodeJS.ProcessEnv): Params {
  return {
    pinoHttp: {
      level: env['LOG_LEVEL'] ?? 'info',
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], remove: true },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: (req) => {
        const principal = (req as unknown as AuthenticatedRequest).principal;
        return principal ? { role: principal.role, subject: principal.subject, tenant: principal.tenantId } : {};
      },
    },
  };
}
