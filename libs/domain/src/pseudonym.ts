import { createHmac } from 'node:crypto';

/**
 * Direct identifiers (Fall-ID, Aktenzeichen, Hilfe-ID, Mitarbeiter-ID, …) become keyed
 * pseudonyms. The key lives outside the database, so the stored data alone cannot be
 * linked back to a person; destroying the key makes them unlinkable for good.
 */
export class Pseudonymizer {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error('the pseudonym key must have at least 32 bytes');
  }

  /** The same kind and value always give the same pseudonym; kinds keep id spaces apart. */
  pseudonym(kind: string, value: string): string {
    return createHmac('sha256', this.key).update(kind).update('\u0000').update(value).digest('base64url').slice(0, 22);
  }
}
