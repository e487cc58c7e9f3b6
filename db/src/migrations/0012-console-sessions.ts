import { sql, type Kysely } from 'kysely';

/**
 * Sessions of the web console. The browser holds a random session id in an httpOnly cookie;
 * only its SHA-256 is kept here, so a stolen table opens nothing. A session opened with an
 * API token ends when the token is revoked. The CSRF token is the synchronizer token every
 * write of the session must send back in a header.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE console_sessions (
      session_hash text        PRIMARY KEY,
      tenant_id    text        NOT NULL REFERENCES tenants (tenant_id),
      role         text        NOT NULL CHECK (role IN ('admin', 'controlling', 'planning')),
      subject      text        NOT NULL,
      token_id     uuid,
      csrf_token   text        NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX console_sessions_by_expiry ON console_sessions (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE console_sessions`.execute(db);
}
