import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import { inOffice, type Database } from '@jugendamt/db';
import type { Principal, Role } from './role.js';

export const SESSION_COOKIE = 'jc_session';

export interface ConsoleSession {
  readonly principal: Principal;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

function hashOf(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

/** The API token a principal's subject names (`token:<id>`), if it came from one. */
function tokenIdOf(principal: Principal): string | null {
  return principal.subject.startsWith('token:') ? principal.subject.slice('token:'.length) : null;
}

/**
 * Web console sessions: a signed-in browser holds a random id in an httpOnly, SameSite=Strict
 * cookie. Found sessions are remembered for `ttlMs` like tokens are, so a dashboard's burst of
 * requests costs one lookup; a revoked token or a sign-out elsewhere is seen once that expires.
 */
export class ConsoleSessions {
  private readonly known: LRUCache<string, ConsoleSession> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly lifetimeMs: number,
    ttlMs: number,
  ) {
    this.known = ttlMs > 0 ? new LRUCache({ max: 10_000, ttl: ttlMs }) : undefined;
  }

  async open(principal: Principal): Promise<{ sessionId: string; session: ConsoleSession }> {
    const sessionId = randomBytes(32).toString('base64url');
    const session = { principal, csrfToken: randomBytes(32).toString('base64url'), expiresAt: new Date(Date.now() + this.lifetimeMs) };
    // Expired sessions go when new ones come: the table stays as small as the office's users.
    await inOffice(principal.tenantId, () => this.db.deleteFrom('console_sessions').where('expires_at', '<', new Date()).execute());
    await inOffice(principal.tenantId, () => this.insert(sessionId, principal, session));
    return { sessionId, session };
  }

  private async insert(sessionId: string, principal: Principal, session: ConsoleSession): Promise<void> {
    await this.db
      .insertInto('console_sessions')
      .values({
        session_hash: hashOf(sessionId),
        tenant_id: principal.tenantId,
        role: principal.role,
        subject: principal.subject,
        token_id: tokenIdOf(principal),
        csrf_token: session.csrfToken,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  async find(sessionId: string): Promise<ConsoleSession | undefined> {
    const remembered = this.known?.get(sessionId);
    if (remembered && remembered.expiresAt.getTime() > Date.now()) return remembered;
    const row = await this.lookUp(sessionId);
    if (!row) return undefined;
    const session = { principal: { tenantId: row.tenant_id, role: row.role, subject: row.subject }, csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at) };
    this.known?.set(sessionId, session);
    return session;
  }

  async close(sessionId: string): Promise<void> {
    this.known?.delete(sessionId);
    const row = await this.lookUp(sessionId);
    if (row) await inOffice(row.tenant_id, () => this.db.deleteFrom('console_sessions').where('session_hash', '=', hashOf(sessionId)).execute());
  }

  /**
   * A live session (not expired, its token not revoked), asked before the caller's office is
   * known: through the narrow path row-level security leaves for it (migration 0017).
   */
  private async lookUp(sessionId: string) {
    const { rows } = await sql<{ tenant_id: string; role: Role; subject: string; csrf_token: string; expires_at: Date }>`
      SELECT tenant_id, role, subject, csrf_token, expires_at FROM office_of_console_session(${hashOf(sessionId)})`.execute(this.db);
    return rows[0];
  }
}

/** Compares the CSRF header with the session's token in constant time. */
export function csrfTokenMatches(session: ConsoleSession, header: string | string[] | undefined): boolean {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(session.csrfToken);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
