import { sql, type Kysely } from 'kysely';

/**
 * Bearer tokens of the read and admin API. Only a SHA-256 of each token is kept: the tokens
 * are 256 random bits, so a plain hash cannot be guessed back, and a stolen table opens
 * nothing. Tokens are revoked, never deleted, so the log of who could do what stays.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE api_tokens (
      tenant_id   text        NOT NULL REFERENCES tenants (tenant_id),
      token_id    uuid        NOT NULL,
      token_hash  text        NOT NULL,
      role        text        NOT NULL CHECK (role IN ('admin', 'controlling', 'planning')),
      label       text        NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      revoked_at  timestamptz,
      PRIMARY KEY (tenant_id, token_id)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX api_tokens_by_hash ON api_tokens (token_hash)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE api_tokens`.execute(db);
}
