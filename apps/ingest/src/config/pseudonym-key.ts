import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_TENANT_ID } from '@jugendamt/db';

export interface PseudonymKeySource {
  readonly key: Buffer;
  /** Where the key came from, for the start-up log (never the key itself). */
  readonly origin: string;
}

/**
 * The pseudonym key never lives in the database. It comes from PSEUDONYM_KEY (hex, at
 * least 32 bytes). Only the embedded default, which has no operator to set one, generates
 * a key file under the data folder; with PostgreSQL the key must be given.
 *
 * Each office has a key of its own (docs/architecture.md, "Offices kept apart"), so that one
 * office's key links none of another's records: the default office's is PSEUDONYM_KEY, any
 * other's PSEUDONYM_KEY_<OFFICE> (the office id in capitals, other characters `_`) or the
 * file `<office>.key` in PSEUDONYM_KEY_DIR. There is no fallback to the default key.
 */
export function loadPseudonymKey(env: NodeJS.ProcessEnv = process.env, tenantId: string = DEFAULT_TENANT_ID): PseudonymKeySource {
  if (tenantId !== DEFAULT_TENANT_ID) return officeKey(env, tenantId);
  const fromEnv = env['PSEUDONYM_KEY'];
  if (fromEnv) return { key: parseKey(fromEnv, 'PSEUDONYM_KEY'), origin: 'PSEUDONYM_KEY' };
  if (env['DATABASE_URL']) {
    throw new Error('PSEUDONYM_KEY is not set: with PostgreSQL the pseudonym key must come from the environment (e.g. `openssl rand -hex 32`)');
  }
  return generatedKey(join(resolve(env['DATA_DIR'] ?? 'data'), 'pseudonym.key'));
}

function officeKey(env: NodeJS.ProcessEnv, tenantId: string): PseudonymKeySource {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(tenantId)) throw new Error(`office id "${tenantId}" may hold only letters, digits, "_" and "-"`);
  const variable = `PSEUDONYM_KEY_${tenantId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
  const directory = env['PSEUDONYM_KEY_DIR'];
  let source: PseudonymKeySource;
  if (env[variable]) source = { key: parseKey(env[variable]!, variable), origin: variable };
  else if (directory && existsSync(join(directory, `${tenantId}.key`))) {
    const file = join(resolve(directory), `${tenantId}.key`);
    source = { key: parseKey(readFileSync(file, 'utf8').trim(), file), origin: file };
  } else if (!env['DATABASE_URL']) source = generatedKey(join(resolve(env['DATA_DIR'] ?? 'data'), 'pseudonym-keys', `${tenantId}.key`));
  else throw new Error(`no pseudonym key for office "${tenantId}": set ${variable} or put ${tenantId}.key into PSEUDONYM_KEY_DIR (each office has its own key)`);
  // The same key would make the same person the same pseudonym in both offices.
  if (env['PSEUDONYM_KEY'] && source.key.equals(parseKey(env['PSEUDONYM_KEY'], 'PSEUDONYM_KEY'))) {
    throw new Error(`${source.origin} is the default office's PSEUDONYM_KEY: office "${tenantId}" needs a key of its own`);
  }
  return source;
}

function generatedKey(file: string): PseudonymKeySource {
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
