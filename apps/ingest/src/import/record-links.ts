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

  constructor(
    private readonly trx: Kysely<Database>,
    private readonly tenantId: string,
  ) {}

  /**
   * The surrogates of `wanted` (made for those never seen when `create` is given), and of
   * `lookedUp` only where one exists: a quarantined row names a record, but makes none.
   */
  async link(wanted: Iterable<LinkKey>, lookedUp: Iterable<LinkKey> = []): Promise<LinkedBatch> {
    const found = new Map<string, string>();
    const fresh = new Set<string>();
    const missing = new Map<string, LinkKey>();
    for (const key of [...wanted, ...lookedUp]) {
      const id = idOf(key.kind, key.pseudonym);
      const surrogate = this.remembered.get(id);
      if (surrogate) found.set(id, surrogate);
      else missing.set(id, key);
    }
    if (missing.size) for (const [id, surrogate] of await this.select([...missing.values()])) found.set(id, surrogate);

    const toMake = [...wanted].filter((key) => !found.has(idOf(key.kind, key.pseudonym)));
    const unique = new Map(toMake.map((key) => [idOf(key.kind, key.pseudonym), key]));
    if (unique.size) {
      for (const [id, surrogate] of await this.insert([...unique.values()])) {
        found.set(id, surrogate);
        fresh.add(id);
      }
      // An import of another source of this office (naming the same case) linked it since the select.
      const raced = [...unique.values()].filter((key) => !found.has(idOf(key.kind, key.pseudonym)));
      if (raced.length) for (const [id, surrogate] of await this.select(raced)) found.set(id, surrogate);
    }
    for (const [id, surrogate] of found) this.remember(id, surrogate);
    return {
      surrogateOf: (kind, pseudonym) => found.get(idOf(kind, pseudonym)),
      isNew: (kind, pseudonym) => fresh.has(idOf(kind, pseudonym)),
    };
  }

  private async select(keys: readonly LinkKey[]): Promise<Map<string, string>> {
    const { rows } = await sql<{ kind: string; pseudonym: string; surrogate: string }>`
      SELECT l.kind, l.pseudonym, l.surrogate
      FROM record_links l JOIN unnest(${keys.map((k) => k.kind)}::text[], ${keys.map((k) => k.pseudonym)}::text[]) AS x(kind, pseudonym)
        ON l.kind = x.kind AND l.pseudonym = x.pseudonym
      WHERE l.tenant_id = ${this.tenantId}`.execute(this.trx);
    return new Map(rows.map((row) => [idOf(row.kind, row.pseudonym), row.surrogate]));
  }

  private async insert(keys: readonly LinkKey[]): Promise<Map<string, string>> {
    const surrogates = keys.map(() => newSurrogate());
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

/** 128 random bits, as long as a pseudonym: nothing about the record goes into it. */
export function newSurrogate(): string {
  return randomBytes(16).toString('base64url');
}

function idOf(kind: string, pseudonym: string): string {
  return `${kind}\u0000${pseudonym}`;
}
