import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPseudonymKey, pseudonymKeySettings } from './pseudonym-key.js';

const keyFor = (env: NodeJS.ProcessEnv, office: string) => loadPseudonymKey(pseudonymKeySettings(env), office);

const KEY_A = 'a1'.repeat(32);
const KEY_B = 'b2'.repeat(32);
const POSTGRES = { DATABASE_URL: 'postgres://somewhere/db' };

describe('pseudonym keys per office', () => {
  it('gives the office the process serves PSEUDONYM_KEY, and another office its own key', () => {
    const env = { ...POSTGRES, PSEUDONYM_KEY: KEY_A, PSEUDONYM_KEY_OST_2: KEY_B };
    expect(keyFor(env, 'default').key.toString('hex')).toBe(KEY_A);
    expect(keyFor(env, 'ost-2')).toEqual({ key: Buffer.from(KEY_B, 'hex'), origin: 'PSEUDONYM_KEY_OST_2' });
  });

  it('takes an office’s key from its file in PSEUDONYM_KEY_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keys-'));
    try {
      writeFileSync(join(dir, 'ost.key'), `${KEY_B}\n`);
      expect(keyFor({ ...POSTGRES, PSEUDONYM_KEY: KEY_A, PSEUDONYM_KEY_DIR: dir }, 'ost').key.toString('hex')).toBe(KEY_B);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never lends PSEUDONYM_KEY to a second office: without a key of its own, or with the same one, it is refused', () => {
    expect(() => keyFor({ ...POSTGRES, PSEUDONYM_KEY: KEY_A }, 'ost')).toThrow(/no pseudonym key for office "ost": set PSEUDONYM_KEY_OST/);
    expect(() => keyFor({ ...POSTGRES, PSEUDONYM_KEY: KEY_A, PSEUDONYM_KEY_OST: KEY_A }, 'ost')).toThrow(/office "ost" needs a key of its own/);
  });

  it('serves a worker of one office (TENANT_ID) with PSEUDONYM_KEY, as before', () => {
    expect(keyFor({ ...POSTGRES, PSEUDONYM_KEY: KEY_A, TENANT_ID: 'nord' }, 'nord').key.toString('hex')).toBe(KEY_A);
  });

  it('refuses an office id that could leave the key folder', () => {
    expect(() => keyFor({ ...POSTGRES, PSEUDONYM_KEY: KEY_A }, '../default')).toThrow(/may hold only letters/);
  });
});
