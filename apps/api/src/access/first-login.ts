import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { Role } from './role.js';
import { hasLiveToken, issueToken } from './token-store.js';

/** The roles a first login needs: the administrator for imports, controlling to read the KPIs. */
const FIRST_ROLES: readonly Role[] = ['admin', 'controlling'];

/**
 * An office without tokens of these roles gets one each at start, printed once, so the
 * first login needs no other tool. Afterwards tokens come from `npm run token`.
 */
export async function firstLoginTokens(db: Kysely<Database>, tenantId: string): Promise<{ role: Role; token: string }[]> {
  const issued: { role: Role; token: string }[] = [];
  for (const role of FIRST_ROLES) {
    if (!(await hasLiveToken(db, tenantId, role))) issued.push({ role, token: (await issueToken(db, tenantId, role, 'first login')).token });
  }
  return issued;
}
