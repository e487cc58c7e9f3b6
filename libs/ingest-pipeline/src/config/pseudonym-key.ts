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
 * office's key links none of another's records: PSEUDONYM_KEY_<OFFICE> (the office id in
 * capitals, other characters `_`) or the file `<office>.key` in PSEUDONYM_KEY_DIR. PSEUDONYM_KEY
 * is the key of the office the process serves (TENANT_ID, else the default office) and of no
 * other: a process that imports for a second office needs that office's own key.
 */
export function loadPseudonymKey(env: NodeJS.ProcessEnv = process.env, tenantId: string = env['TENANT_ID'] || DEFAULT_TENANT_ID): PseudonymKeySource {
  const processOffice = env['TENANT_ID'] || DEFAULT_TENANT_ID;
  const own = officeKey(env, tenantId);
  if (own) {
    // The same key would make the same person the same pseudonym in both offices.
    if (tenantId !== processOffice && env['PSEUDONYM_KEY'] && own.key.equals(parseKey(env['PSEUDONYM_KEY'], 'PSEUDONYM_KEY'))) {
      throw new Error(`${own.origin} is PSEUDONYM_KEY, the key of office "${processOffice}": office "${tenantId}" needs a key of its own`);
    }
    return own;
  }
  if (tenantId === processOffice) return processKey(env);
  if (!env['DATABASE_URL']) return generatedKey(join(resolve(env['DATA_DIR'] ?? 'data'), 'pseudonym-keys', `${tenantId}.key`));
  throw new Error(`no pseudonym key for office "${tenantId}": set ${variableOf(tenantId)} or put ${tenantId}.key into PSEUDONYM_KEY_DIR (each office has its own key)`);
}

function processKey(env: NodeJS.ProcessEnv): PseudonymKeySource {
  const fromEnv = env['PSEUDONYM_KEY'];
  if (fromEnv) return { key: parseKey(fromEnv, 'PSEUDONYM_KEY'), origin: 'PSEUDONYM_KEY' };
  if (env['DATABASE_URL']) {
    throw new Error('PSEUDONYM_KEY is not set: with PostgreSQL the pseudonym key must come from the environment (e.g. `openssl rand -hex 32`)');
  }
  return generatedKey(join(resolve(env['DATA_DIR'] ?? 'data'), 'pseudonym.key'));
}

function variableOf(tenantId: string): string {
  return `PSEUDONYM_KEY_${tenantId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The office's own key, if one is given. */
function officeKey(env: NodeJS.ProcessEnv, tenantId: string): PseudonymKeySource | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(tenantId)) throw new Error(`office id "${tenantId}" may hold only letters, digits, "_" and "-"`);
  const variable = variableOf(tenantId);
  if (env[variable]) return { key: parseKey(env[variable]!, variable), origin: variable };
  const directory = env['PSEUDONYM_KEY_DIR'];
  const file = directory && join(resolve(directory), `${tenantId}.key`);
  if (file && existsSync(file)) return { key: parseKey(readFileSync(file, 'utf8').trim(), file), origin: file };
  return undefined;
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
