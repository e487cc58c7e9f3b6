import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { Principal, Role } from './role.js';

const PREFIX = 'jat_';

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface IssuedToken {
  readonly tokenId: string;
  /** Shown once to whoever asked for it; only its hash is kept. */
  readonly token: string;
}

export async function issueToken(db: Kysely<Database>, tenantId: string, role: Role, label: string): Promise<IssuedToken> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const tokenId = randomUUID();
  await db
    .insertInto('api_tokens')
    .values({ tenant_id: tenantId, token_id: tokenId, token_hash: hashOf(token), role, label, revoked_at: null })
    .execute();
  return { tokenId, token };
}

/**
 * Asked before the caller's office is known, so through the one narrow path row-level
 * security leaves for it (migration 0017): the office, id and role of a live token's hash.
 */
export async function principalOfToken(db: Kysely<Database>, token: string): Promise<Principal | undefined> {
  if (!token.startsWith(PREFIX)) return undefined;
  const { rows } = await sql<{ tenant_id: string; token_id: string; role: Role }>`
    SELECT tenant_id, token_id, role FROM office_of_token(${hashOf(token)})`.execute(db);
  const row = rows[0];
  return row && { tenantId: row.tenant_id, role: row.role, subject: `token:${row.token_id}` };
}

export async function revokeToken(db: Kysely<Database>, tenantId: string, tokenId: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('token_id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function hasLiveToken(db: Kysely<Database>, tenantId: string, role: Role): Promise<boolean> {
  const row = await db.selectFrom('api_tokens').select('token_id').where('tenant_id', '=', tenantId).where('role', '=', role).where('revoked_at', 'is', null).executeTakeFirst();
  return row !== undefined;
}
