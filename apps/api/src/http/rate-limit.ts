import { HttpException, HttpStatus } from '@nestjs/common';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

const EXEMPT = new Set(['/health', '/metrics']);

/**
 * Requests per client address and minute (RATE_LIMIT_PER_MINUTE, default 1200), before any
 * token is looked at, so guessing tokens is throttled too. Health and metrics are exempt:
 * probes must never lock themselves out.
 */
export async function limitRequestsPerClient(server: FastifyInstance, perMinute: number): Promise<void> {
  await server.register(rateLimit, {
    timeWindow: 60_000,
    max: perMinute,
    hook: 'onRequest',
    allowList: (request) => EXEMPT.has(request.url.split('?', 1)[0]!),
    // Thrown as Nest's own exception, so the answer has the shape of every other refusal.
    errorResponseBuilder: () => new HttpException({ statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: 'rate limit reached: wait a minute' }, HttpStatus.TOO_MANY_REQUESTS),
  });
}
