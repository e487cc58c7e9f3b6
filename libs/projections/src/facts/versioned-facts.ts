import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { RecordChanged, RecordDeleted } from '@jugendamt/domain';
import type { LoggedEvent } from '@jugendamt/event-store';

/** A new version of a fact (`row`), or its end (`row: null`, the record was deleted). */
export interface FactChange<Row> {
  readonly id: string;
  readonly observedAt: Date;
  readonly row: Row | null;
  /**
   * The fact's first change, made by its record's first event: no version of it can be known
   * yet, so there is nothing to look up or close. Most events of a rebuild are first events.
   */
  readonly first: boolean;
}

/** The ids of `changes` that may have a version known already. */
export function possiblyKnownIds(changes: readonly FactChange<unknown>[]): string[] {
  return [...new Set(changes.filter((c) => !c.first).map((c) => c.id))];
}

export interface VersionedTable<Row> {
  readonly table: 'aid_versions' | 'case_versions' | 'staff_versions' | 'sub_process_versions' | 'chronicle_entry_versions' | 'chronicle_case_links' | 'population_versions';
  readonly idColumn: string;
  /** Column → SQL type, for the rows' JSON. */
  readonly columns: Readonly<Record<keyof Row & string, string>>;
}

/**
 * Closes the current version of each changed fact at the change's observation time and opens
 * the new one, set-wise. A page may change one fact several times: it is applied in rounds in
 * which each fact occurs once, in event order.
 */
export async function writeFactChanges<Row>(trx: Kysely<Database>, tenantId: string, generation: number, target: VersionedTable<Row>, changes: readonly FactChange<Row>[]): Promise<void> {
  for (const round of rounds(changes)) {
    const id = sql.ref(target.idColumn);
    const closed = round.filter((c) => !c.first);
    if (closed.length) {
      const closing = JSON.stringify(closed.map((c) => ({ id: c.id, at: c.observedAt.toISOString() })));
      await sql`
        UPDATE ${sql.table(target.table)} AS t SET known_to = c.at
        FROM json_to_recordset(${closing}::json) AS c(id text, at timestamptz)
        WHERE t.tenant_id = ${tenantId} AND t.generation = ${generation} AND t.${id} = c.id AND t.known_to IS NULL`.execute(trx);
    }

    const opened = round.filter((c) => c.row !== null);
    await openVersions(
      trx,
      tenantId,
      generation,
      target,
      opened.filter((c) => c.first),
      false,
    );
    await openVersions(
      trx,
      tenantId,
      generation,
      target,
      opened.filter((c) => !c.first),
      true,
    );
  }
}

async function openVersions<Row>(trx: Kysely<Database>, tenantId: string, generation: number, target: VersionedTable<Row>, opened: readonly FactChange<Row>[], mayBeKnown: boolean): Promise<void> {
  if (opened.length === 0) return;
  const id = sql.ref(target.idColumn);
  const names = Object.keys(target.columns);
  const rows = JSON.stringify(opened.map((c) => ({ ...c.row, id: c.id, at: c.observedAt.toISOString() })));
  const definitions = sql.raw(names.map((n) => `${n} ${target.columns[n as keyof Row & string]}`).join(', '));
  const columns = sql.raw(names.join(', '));
  const values = sql.raw(names.map((n) => `r.${n}`).join(', '));
  // Two changes of one fact at one observation time: the later one is what was known. A
  // fact's first version cannot meet another, and a plain insert spares the conflict check.
  const replaced = sql.raw(names.map((n) => `${n} = excluded.${n}`).join(', '));
  const onConflict = mayBeKnown ? sql`ON CONFLICT (tenant_id, generation, ${id}, known_from) DO UPDATE SET known_to = NULL, ${replaced}` : sql``;
  await sql`
    INSERT INTO ${sql.table(target.table)} (tenant_id, generation, ${id}, known_from, ${columns})
    SELECT ${tenantId}, ${generation}, r.id, r.at, ${values}
    FROM json_to_recordset(${rows}::json) AS r(id text, at timestamptz, ${definitions})
    ${onConflict}`.execute(trx);
}

function rounds<T extends { readonly id: string }>(changes: readonly T[]): T[][] {
  const result: T[][] = [];
  const roundOf = new Map<string, number>();
  for (const change of changes) {
    const round = (roundOf.get(change.id) ?? -1) + 1;
    roundOf.set(change.id, round);
    (result[round] ??= []).push(change);
  }
  return result;
}

/** A record's event: its state after the change, or its deletion. */
type RecordEvent<R> = LoggedEvent<{ readonly type: string; readonly payload: RecordChanged<R> | RecordDeleted }>;

/** The fact an event's record state gives, or the end of the fact for a deletion. */
export function factChange<R, F>(event: RecordEvent<R>, idOf: (record: R) => string, toFact: (record: R) => F): FactChange<F> {
  const { payload } = event;
  const first = isFirstOfRecord(event);
  if ('state' in payload) return { id: idOf(payload.state), observedAt: event.observedAt, row: toFact(payload.state), first };
  return { id: payload.id, observedAt: event.observedAt, row: null, first };
}

/** A record's events make its stream; its first event opens it. */
export function isFirstOfRecord(event: LoggedEvent): boolean {
  return event.streamVersion === 1;
}
