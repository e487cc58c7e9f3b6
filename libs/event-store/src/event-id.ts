import { hash } from 'node:crypto';

/**
 * The event id follows from tenant and idempotency key, so a re-import produces the same
 * ids. Formatted as an RFC 9562 version-8 (custom) UUID.
 */
export function eventIdFor(tenantId: string, idempotencyKey: string): string {
  // The one-shot hash: an import derives an id per event, and a Hash object per call costs more than the digest.
  const bytes = hash('sha256', `${tenantId}\u0000${idempotencyKey}`, 'buffer').subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
