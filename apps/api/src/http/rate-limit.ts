import { rateLimit, type RateLimitRequestHandler } from 'express-rate-limit';
import { numberSetting } from '@jugendamt/domain';

/**
 * Requests per client address and minute (RATE_LIMIT_PER_MINUTE, default 1200), before any
 * token is looked at, so guessing tokens is throttled too. Health and metrics are exempt:
 * probes must never lock themselves out.
 */
export function rateLimitPerClient(env: NodeJS.ProcessEnv): RateLimitRequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: numberSetting(env, 'RATE_LIMIT_PER_MINUTE', 1200, { min: 1 }),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => req.path === '/health' || req.path === '/metrics',
    message: { statusCode: 429, error: 'Too Many Requests', message: 'rate limit reached: wait a minute' },
  });
}
