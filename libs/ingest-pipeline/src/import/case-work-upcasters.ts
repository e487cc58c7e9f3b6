import { CASE_WORK_UPCASTS } from '@jugendamt/domain';
import { UpcasterRegistry } from '@jugendamt/event-store';

/** Compact payloads (schema version 2) read in their named shape, as the import compares records. */
export const CASE_WORK_UPCASTERS = UpcasterRegistry.of(CASE_WORK_UPCASTS);
