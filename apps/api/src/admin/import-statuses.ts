import type { ImportStatus } from '@jugendamt/ingest-pipeline';

/** Every verdict an import can have, as the ingest records it. */
export const IMPORT_STATUSES = ['applied', 'rejected', 'held', 'duplicate', 'stale'] as const satisfies readonly ImportStatus[];
