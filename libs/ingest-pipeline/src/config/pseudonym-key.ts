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
export interface PseudonymKeySettings {
  /** TENANT_ID: the office PSEUDONYM_KEY belongs to. */
  readonly processOffice: string;
  readonly processKey: string | undefined;
  /** PSEUDONYM_KEY_<OFFICE> settings, by name. */
  readonly officeKeys: Readonly<Record<string, string>>;
  readonly keyDir: string | undefined;
  /** Where the embedded default keeps the keys it generates. */
  readonly dataDir: string;
  /** With PostgreSQL (DATABASE_URL) a key is never generated: an operator gives it. */
  readonly withPostgres: boolean;
}

export function pseudonymKeySettings(env: NodeJS.ProcessEnv): PseudonymKeySettings {
  const officeKeys = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[0].startsWith(OFFICE_KEY_PREFIX) && entry[0] !== KEY_DIR && !!entry[1]));
  return {
    processOffice: env['TENANT_ID'] || DEFAULT_TENANT_ID,
    processKey: env['PSEUDONYM_KEY'] || undefined,
    officeKeys,
    keyDir: env[KEY_DIR] || undefined,
    dataDir: resolve(env['DATA_DIR'] ?? 'data'),
    withPostgres: !!env['DATABASE_URL'],
  };
}

export function loadPseudonymKey(settings: PseudonymKeySettings, tenantId: string = settings.processOffice): PseudonymKeySource {
  const { processOffice } = settings;
  const own = officeKey(settings, tenantId);
  if (own) {
    // The same key would make the same person the same pseudonym in both offices.
    if (tenantId !== processOffice && settings.processKey && own.key.equals(parseKey(settings.processKey, 'PSEUDONYM_KEY'))) {
      throw new Error(`${own.origin} is PSEUDONYM_KEY, the key of office "${processOffice}": office "${tenantId}" needs a key of its own`);
    }
    return own;
  }
  if (tenantId === processOffice) return processKey(settings);
  if (!settings.withPostgres) return generatedKey(join(settings.dataDir, 'pseudonym-keys', `${tenantId}.key`));
  throw new Error(`no pseudonym key for office "${tenantId}": set ${variableOf(tenantId)} or put ${tenantId}.key into PSEUDONYM_KEY_DIR (each office has its own key)`);
}

function processKey(settings: PseudonymKeySettings): PseudonymKeySource {
  if (settings.processKey) return { key: parseKey(settings.processKey, 'PSEUDONYM_KEY'), origin: 'PSEUDONYM_KEY' };
  if (settings.withPostgres) {
    throw new Error('PSEUDONYM_KEY is not set: with PostgreSQL the pseudonym key must come from the environment (e.g. `openssl rand -hex 32`)');
  }
  return generatedKey(join(settings.dataDir, 'pseudonym.key'));
}

const OFFICE_KEY_PREFIX = 'PSEUDONYM_KEY_';
const KEY_DIR = 'PSEUDONYM_KEY_DIR';

function variableOf(tenantId: string): string {
  return `${OFFICE_KEY_PREFIX}${tenantId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The office's own key, if one is given. */
function officeKey(settings: PseudonymKeySettings, tenantId: string): PseudonymKeySource | undefined {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(tenantId)) throw new Error(`office id "${tenantId}" may hold only letters, digits, "_" and "-"`);
  const variable = variableOf(tenantId);
  const given = settings.officeKeys[variable];
  if (given) return { key: parseKey(given, variable), origin: variable };
  const directory = settings.keyDir;
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
