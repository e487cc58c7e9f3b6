import { createHmac } from 'node:crypto';

/**
 * Direct identifiers (Fall-ID, Aktenzeichen, Hilfe-ID, Mitarbeiter-ID, …) become keyed
 * pseudonyms. The key lives outside the database, so the stored data alone cannot be
 * linked back to a person; destroying the key makes them unlinkable for good.
 */
export class Pseudonymizer {
  /**
   * Case and staff ids repeat on every sub-process and chronicle row, and an HMAC costs more
   * than parsing the row: recent pseudonyms are remembered, within a bound so memory stays flat.
   */
  private readonly recent = new Map<string, string>();

  constructor(
    private readonly key: Buffer,
    private readonly remember = 100_000,
  ) {
    if (key.length < 32) throw new Error('the pseudonym key must have at least 32 bytes');
  }

  /** The same kind and value always give the same pseudonym; kinds keep id spaces apart. */
  pseudonym(kind: string, value: string): string {
    const input = `${kind}\u0000${value}`;
    let pseudonym = this.recent.get(input);
    if (pseudonym === undefined) {
      pseudonym = createHmac('sha256', this.key).update(input).digest('base64url').slice(0, 22);
      if (this.recent.size >= this.remember) this.recent.clear();
      this.recent.set(input, pseudonym);
    }
    return pseudonym;
  }
}
