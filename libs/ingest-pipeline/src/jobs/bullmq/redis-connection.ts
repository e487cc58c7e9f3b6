import { Redis } from 'ioredis';

export const IMPORT_QUEUE = 'imports';

/** Offices sharing one Redis keep their queues apart. */
export function queuePrefix(tenantId: string): string {
  return `jugendamt-${tenantId}`;
}

/**
 * BullMQ's workers block on Redis and must wait through an outage rather than fail a command
 * (`maxRetriesPerRequest: null`): a Redis restart then costs a pause, not a job.
 */
export function redisConnection(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  // ioredis reconnects by itself; the queue and the worker report the outage once, as theirs.
  redis.on('error', () => undefined);
  return redis;
}
