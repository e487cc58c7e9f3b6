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

  it('gives the same pseudonyms from memory as computed afresh, also after its bound is reached', () => {
    const fresh = (value: string) => new Pseudonymizer(key).pseudonym('staff', value);
    const remembering = new Pseudonymizer(key, 2);
    const values = ['MA1', 'MA2', 'MA1', 'MA3', 'MA4', 'MA1', 'MA2'];
    expect(values.map((v) => remembering.pseudonym('staff', v))).toEqual(values.map(fresh));
  });

  it('refuses a short key', () => {
    expect(() => new Pseudonymizer(Buffer.alloc(16))).toThrow(/at least 32 bytes/);
  });
});
