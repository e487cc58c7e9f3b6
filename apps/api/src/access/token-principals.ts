import { LRUCache } from 'lru-cache';
import type { Kysely } from 'kysely';
import type { Database } from '@jugendamt/db';
import type { Principal } from './role.js';
import { principalOfToken } from './token-store.js';

/**
 * Who a bearer token belongs to, remembered for `ttlMs`: a dashboard sends the same token
 * with every request, and a lookup per request cost as much as serving a cached answer.
 * The price is that a revoked token is refused only once its entry has expired (revocation
 * runs in another process, the token CLI). Unknown tokens are not remembered.
 */
export class TokenPrincipals {
  private readonly known: LRUCache<string, Principal> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    ttlMs: number,
  ) {
    this.known = ttlMs > 0 ? new LRUCache({ max: 10_000, ttl: ttlMs }) : undefined;
  }

  async principalOf(token: string): Promise<Principal | undefined> {
    const remembered = this.known?.get(token);
    if (remembered) return remembered;
    const principal = await principalOfToken(this.db, token);
    if (principal) this.known?.set(token, principal);
    return principal;
  }
}
