import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { CaseWorkEvent } from '@jugendamt/domain';
import type { LoggedEvent } from '@jugendamt/event-store';

/** What a projection works with while it applies a page of events, inside one transaction. */
export interface ProjectionContext {
  readonly trx: Kysely<Database>;
  readonly tenantId: string;
  /** The generation of the projection's tables being written. */
  readonly generation: number;
  /** The catalogue versions this generation is built with. */
  readonly catalogueVersions: Readonly<Record<string, number>>;
}

/**
 * A projection consumes the event store in commit order and keeps its tables. Applying a page
 * and moving the checkpoint happen in one transaction, so every event counts exactly once.
 */
export interface Projection<E extends CaseWorkEvent = CaseWorkEvent> {
  readonly name: string;
  /** Only these event types are read. */
  readonly eventTypes: readonly E['type'][];
  /** The catalogues whose versions the tables depend on: a change takes effect by a rebuild. */
  readonly catalogues: readonly string[];
  /**
   * The tables it writes, every row tagged with tenant and generation: the runtime removes a
   * retired or abandoned generation's rows from them, and keeps their statistics up while a
   * generation grows.
   */
  readonly tables: readonly ProjectionTable[];
  /** The events are those of `eventTypes`, narrowed by their `type`. */
  apply(ctx: ProjectionContext, events: readonly LoggedEvent<E>[]): Promise<void>;
}

export type ProjectionTable = Extract<
  keyof Database,
  | 'aid_versions'
  | 'case_versions'
  | 'aid_area_versions'
  | 'staff_versions'
  | 'sub_process_versions'
  | 'chronicle_entry_versions'
  | 'chronicle_case_links'
  | 'sub_process_count_changes'
  | 'sub_process_work_changes'
  | 'chronicle_sum_changes'
  | 'case_cost_changes'
  | 'population_versions'
>;
