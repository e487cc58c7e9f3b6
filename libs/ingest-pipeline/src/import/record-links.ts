import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';

/** One identifier as the import knows it: its id space and its keyed pseudonym. */
export interface LinkKey {
  readonly kind: string;
  readonly pseudonym: string;
}

/** The surrogates the import found or made for a batch of identifiers. */
export interface LinkedBatch {
  surrogateOf(kind: string, pseudonym: string): string | undefined;
  /** Whether the identifier had no surrogate before this batch: its record is new here. */
  isNew(kind: string, pseudonym: string): boolean;
}

/** Cached surrogates per import; bounded, like the pseudonym cache, so memory stays flat. */
const REMEMBER = 100_000;

/**
 * The link from a keyed pseudonym to the random surrogate a record's events carry
 * (`record_links`, docs/data-protection.md). Events, record state and projections hold only
 * surrogates: deleting a record's links makes its events unlinkable to its source id, even for
 * someone holding the pseudonym key. Links are written in the import's transaction, so a
 * rolled-back file leaves none behind.
 */
export class RecordLinks {
  private readonly remembered = new Map<string, string>();
  /** Whether the last batch was mostly new records (see link). */
  private mostlyNew = false;

  constructor(
    private readonly trx: Kysely<Database>,
    private readonly tenantId: string,
  ) {}

  /**
   * The surrogates of `wanted` (made for those never seen), and of `lookedUp` only where one
   * exists: a quarantined row names a record, but makes none.
   */
  async link(wanted: readonly LinkKey[], lookedUp: readonly LinkKey[] = []): Promise<LinkedBatch> {
    // Each identifier once, under its id, built once: a batch names a case on many of its rows.
    const wantedById = byId(wanted);
    const lookedUpById = byId(lookedUp);
    const found = new Map<string, string>();
    const fresh = new Set<string>();
    const unknown = (...groups: ReadonlyMap<string, LinkKey>[]) => {
      const left = new Map<string, LinkKey>();
      for (const group of groups) for (const [id, key] of group) if (!found.has(id)) left.set(id, key);
      return left;
    };
    for (const group of [wantedById, lookedUpById]) {
      for (const id of group.keys()) {
        const surrogate = this.remembered.get(id);
        if (surrogate) found.set(id, surrogate);
      }
    }
    const asked = unknown(wantedById).size;
    const take = (rows: Map<string, string>, made = false) => {
      for (const [id, surrogate] of rows) {
        found.set(id, surrogate);
        if (made) fresh.add(id);
      }
    };
    // An initial load meets mostly new records: inserting first spares a lookup that finds nothing.
    if (this.mostlyNew) take(await this.insert(unknown(wantedById)), true);
    take(await this.select(unknown(wantedById, lookedUpById)));
    if (!this.mostlyNew) {
      const toMake = unknown(wantedById);
      take(await this.insert(toMake), true);
      // An import of another source of this office (naming the same case) linked it since the select.
      take(await this.select(unknown(toMake)));
    }
    this.mostlyNew = fresh.size > asked / 2;
    for (const [id, surrogate] of found) this.remember(id, surrogate);
    return {
      surrogateOf: (kind, pseudonym) => found.get(idOf(kind, pseudonym)),
      isNew: (kind, pseudonym) => fresh.has(idOf(kind, pseudonym)),
    };
  }

  /** One statement per id space: `= ANY` of an array is an index scan, where a join with `unnest` was planned three times slower. */
  private async select(keys: ReadonlyMap<string, LinkKey>): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const [kind, pseudonyms] of byKind(keys.values())) {
      const { rows } = await sql<{ pseudonym: string; surrogate: string }>`
        SELECT pseudonym, surrogate FROM record_links
        WHERE tenant_id = ${this.tenantId} AND kind = ${kind} AND pseudonym = ANY(${pseudonyms}::text[])`.execute(this.trx);
      for (const row of rows) found.set(idOf(kind, row.pseudonym), row.surrogate);
    }
    return found;
  }

  private async insert(byId: ReadonlyMap<string, LinkKey>): Promise<Map<string, string>> {
    if (byId.size === 0) return new Map();
    const keys = [...byId.values()];
    const surrogates = newSurrogates(keys.length);
    const { rows } = await sql<{ kind: string; pseudonym: string; surrogate: string }>`
      INSERT INTO record_links (tenant_id, kind, pseudonym, surrogate)
      SELECT ${this.tenantId}, x.kind, x.pseudonym, x.surrogate
      FROM unnest(${keys.map((k) => k.kind)}::text[], ${keys.map((k) => k.pseudonym)}::text[], ${surrogates}::text[]) AS x(kind, pseudonym, surrogate)
      ON CONFLICT (tenant_id, kind, pseudonym) DO NOTHING
      RETURNING kind, pseudonym, surrogate`.execute(this.trx);
    return new Map(rows.map((row) => [idOf(row.kind, row.pseudonym), row.surrogate]));
  }

  private remember(id: string, surrogate: string): void {
    if (this.remembered.size >= REMEMBER) this.remembered.clear();
    this.remembered.set(id, surrogate);
  }
}

/**
 * 22 characters, as long as a pseudonym, of which nothing comes from the record: the second the
 * link was made, in 8 hex digits, then 84 random bits (14 base64url characters). The second
 * leads so that records first seen together sit together in every index keyed by surrogate
 * (the events' stream key, the links by surrogate, the record lines): an initial load writes
 * its hundreds of thousands of new keys at the end of those indexes instead of all over them,
 * which at scale 50 kept PostgreSQL busy for seconds (BENCHMARKS.md). The second tells no more
 * than the record's first event does (observed and recorded at). Drawn in one call for a batch.
 */
export function newSurrogates(count: number, now = new Date()): string[] {
  const second = Math.floor(now.getTime() / 1000)
    .toString(16)
    .padStart(SECOND_DIGITS, '0');
  const bytes = randomBytes(RANDOM_BYTES * count);
  return Array.from({ length: count }, (_, at) => second + bytes.toString('base64url', RANDOM_BYTES * at, RANDOM_BYTES * at + RANDOM_BYTES).slice(0, RANDOM_CHARACTERS));
}

const SECOND_DIGITS = 8;
const RANDOM_CHARACTERS = 14;
/** 14 base64url characters carry 84 bits; 11 bytes give 15 characters, the last one dropped. */
const RANDOM_BYTES = 11;

function byId(keys: readonly LinkKey[]): Map<string, LinkKey> {
  const unique = new Map<string, LinkKey>();
  for (const key of keys) unique.set(idOf(key.kind, key.pseudonym), key);
  return unique;
}

function byKind(keys: Iterable<LinkKey>): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const { kind, pseudonym } of keys) {
    const group = groups.get(kind);
    if (group) group.push(pseudonym);
    else groups.set(kind, [pseudonym]);
  }
  return groups;
}

function idOf(kind: string, pseudonym: string): string {
  return `${kind}\u0000${pseudonym}`;
}
