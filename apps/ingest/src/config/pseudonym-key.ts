import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export interface PseudonymKeySource {
  readonly key: Buffer;
  /** Where the key came from, for the start-up log (never the key itself). */
  readonly origin: string;
}

/**
 * The pseudonym key never lives in the database. It comes from PSEUDONYM_KEY (hex, at
 * least 32 bytes). Only the embedded default, which has no operator to set one, generates
 * a key file under the data folder; with PostgreSQL the key must be given.
 */
export function loadPseudonymKey(env: NodeJS.ProcessEnv = process.env): PseudonymKeySource {
  const fromEnv = env['PSEUDONYM_KEY'];
  if (fromEnv) return { key: parseKey(fromEnv, 'PSEUDONYM_KEY'), origin: 'PSEUDONYM_KEY' };
  if (env['DATABASE_URL']) {
    throw new Error('PSEUDONYM_KEY is not set: with PostgreSQL the pseudonym key must come from the environment (e.g. `openssl rand -hex 32`)');
  }
  const file = join(resolve(env['DATA_DIR'] ?? 'data'), 'pseudonym.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  return { key: parseKey(readFileSync(file, 'utf8').trim(), file), origin: file };
}

function parseKey(hex: string, origin: string): Buffer {
  if (!/^[0-9a-fA-F]{64,}$/.test(hex) || hex.length % 2) throw new Error(`${origin} must be at least 64 hex digits (32 bytes)`);
  return Buffer.from(hex, 'hex');
}
