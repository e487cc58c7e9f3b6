import { Pseudonymizer } from './pseudonym.js';

describe('Pseudonymizer', () => {
  const key = Buffer.alloc(32, 7);

  it('gives the same pseudonym for the same kind and value, and never the value itself', () => {
    const p = new Pseudonymizer(key);
    expect(p.pseudonym('case', 'F0000011')).toBe(new Pseudonymizer(Buffer.from(key)).pseudonym('case', 'F0000011'));
    expect(p.pseudonym('case', 'F0000011')).not.toContain('F0000011');
    expect(p.pseudonym('case', 'F0000011')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('depends on the key and keeps kinds apart', () => {
    const p = new Pseudonymizer(key);
    expect(p.pseudonym('case', 'X1')).not.toBe(new Pseudonymizer(Buffer.alloc(32, 8)).pseudonym('case', 'X1'));
    expect(p.pseudonym('case', 'X1')).not.toBe(p.pseudonym('aid', 'X1'));
  });

  it('refuses a short key', () => {
    expect(() => new Pseudonymizer(Buffer.alloc(16))).toThrow(/at least 32 bytes/);
  });
});
