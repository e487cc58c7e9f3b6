/**
 * Whether a failed job is worth another attempt. Bad files never fail a job (they end as a
 * rejected import with a report); what fails is the database or the network being away for a
 * while, which a later attempt survives. Anything else is a fault a retry would repeat: it goes
 * to the failed list at once, for the administrator to look at and re-run.
 */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, recovering)
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

const TRANSIENT_MESSAGES = /connection terminated|encountered a connection error|connection timeout|terminating connection|Connection is closed|the database system is (starting up|shutting down)/i;

export function isTransientFault(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (TRANSIENT_CODES.has(code) || code.startsWith('08'))) return true;
    if (e instanceof AggregateError && e.errors.some(isTransientFault)) return true;
    if (e instanceof Error && TRANSIENT_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** One line for the job's status: the error's code and message, never a stack or a row. */
export function faultLine(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  const message = e instanceof AggregateError && e.errors.length ? faultLine(e.errors[0]) : String(e?.message ?? error);
  return typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}
